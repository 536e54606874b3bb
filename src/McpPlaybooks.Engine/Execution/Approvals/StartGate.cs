using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>
/// The gate of <c>safety.require_approval</c>, before the first step (<see cref="ApprovalGates.StartGateId"/>). Its message,
/// masked and bounded as a step's (<see cref="GateMessage"/>), names the playbook from its own text (a name has no length
/// limit); it renders no values, so it has no <see cref="PendingApproval.MessageTemplate"/>, as a step's literal message.
/// </summary>
internal static class StartGate
{
    public static PendingApproval Of(PlaybookDefinition playbook, SecretMasker masker, DateTimeOffset now) => new()
    {
        StepId = ApprovalGates.StartGateId,
        Message = GateMessage.Bound($"Start '{playbook.Name}' ({playbook.Id} {playbook.Version})? safety.require_approval asks for a go-ahead before the first step.", masker),
        SeparateApprover = playbook.Safety.SeparateApprover,
        CreatedAt = now,
    };
}
