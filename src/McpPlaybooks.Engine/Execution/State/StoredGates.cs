using McpPlaybooks.Engine.History.Records;

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
}
