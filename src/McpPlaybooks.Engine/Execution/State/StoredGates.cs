using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Hosting;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>A gate as history holds it (its row and its decisions), back as a <see cref="PendingApproval"/>.</summary>
internal static class StoredGates
{
    public static PendingApproval FromRecord(ApprovalRecord row, IEnumerable<ApprovalDecisionRecord> decisions) => new()
    {
        StepId = row.StepId,
        Message = row.Message,
        Approvers = row.Approvers,
        MinApprovals = row.MinApprovals,
        ExpiresAt = row.ExpiresAt,
        OnTimeout = row.OnTimeout,
        SeparateApprover = row.SeparateApprover,
        CreatedAt = row.CreatedAt,
        Decisions = [.. decisions.Where(d => d.StepId == row.StepId).OrderBy(d => d.At).Select(d => new ApprovalDecision(d.Approver, d.Approved, d.At, d.Comment, d.Channel, d.Person, d.Claimed))],
    };

    /// <summary>
    /// <paramref name="gates"/> with their message templates, which are not stored: the process that holds the run derives
    /// them from its steps' definitions (<see cref="GateMessage.TemplateOf"/>), and a process that reads the execution from
    /// history does so from the playbook version the execution is pinned to. None when that version is missing from history
    /// or no longer loads.
    /// </summary>
    public static async Task<List<PendingApproval>> WithTemplatesAsync(
        List<PendingApproval> gates, ExecutionRecord execution, PinnedPlaybooks pinned, SecretMasker masker, CancellationToken cancellationToken)
    {
        if (gates.All(gate => gate.StepId == ApprovalGates.StartGateId))
        {
            return gates; // the start gate renders no values: it has none
        }

        PlaybookDefinition playbook;
        try
        {
            playbook = (await pinned.GetAsync(execution, cancellationToken).ConfigureAwait(false)).Definition;
        }
        catch (PinnedPlaybookException)
        {
            return gates;
        }

        return [.. gates.Select(gate => playbook.Steps.FirstOrDefault(step => step.Id == gate.StepId) is { } step
            ? gate with { MessageTemplate = GateMessage.TemplateOf(step, masker) }
            : gate)];
    }
}
