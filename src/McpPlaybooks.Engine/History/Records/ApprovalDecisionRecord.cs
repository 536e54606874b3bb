namespace McpPlaybooks.Engine.History.Records;

/// <summary>One decision on a gate: who, approve or reject, when, and the comment (masked).</summary>
public sealed record ApprovalDecisionRecord
{
    /// <summary>Assigned by the store.</summary>
    public long Id { get; init; }

    public required string ExecutionId { get; init; }

    public required string StepId { get; init; }

    public required string Approver { get; init; }

    public required bool Approved { get; init; }

    public string? Comment { get; init; }

    public required DateTimeOffset At { get; init; }
}
