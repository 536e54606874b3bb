namespace McpPlaybooks.Engine.Execution.State;

/// <summary>A gate waiting for people.</summary>
public sealed record PendingApproval
{
    public required string StepId { get; init; }

    public required string Message { get; init; }

    public IReadOnlyList<string> Approvers { get; init; } = [];

    public int MinApprovals { get; init; } = 1;

    public IReadOnlyList<ApprovalDecision> Decisions { get; init; } = [];

    public DateTimeOffset? ExpiresAt { get; init; }
}
