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

        var playbook = await PinnedOrNullAsync(execution, pinned, cancellationToken).ConfigureAwait(false);
        return [.. gates.Select(gate => gate with { MessageTemplate = TemplateOf(playbook, gate.StepId, masker) ?? gate.MessageTemplate })];
    }

    /// <summary>The message template of the gate of <paramref name="stepId"/>, as <see cref="WithTemplatesAsync"/> finds it.</summary>
    public static async Task<string?> TemplateAsync(
        string stepId, ExecutionRecord execution, PinnedPlaybooks pinned, SecretMasker masker, CancellationToken cancellationToken) =>
        stepId == ApprovalGates.StartGateId
            ? null
            : TemplateOf(await PinnedOrNullAsync(execution, pinned, cancellationToken).ConfigureAwait(false), stepId, masker);

    private static string? TemplateOf(PlaybookDefinition? playbook, string stepId, SecretMasker masker) =>
        playbook?.Steps.FirstOrDefault(step => step.Id == stepId) is { } step ? GateMessage.TemplateOf(step, masker) : null;

    private static async Task<PlaybookDefinition?> PinnedOrNullAsync(ExecutionRecord execution, PinnedPlaybooks pinned, CancellationToken cancellationToken)
    {
        try
        {
            return (await pinned.GetAsync(execution, cancellationToken).ConfigureAwait(false)).Definition;
        }
        catch (PinnedPlaybookException)
        {
            return null;
        }
    }
}
