using McpPlaybooks.Engine.Execution.Approvals;

namespace McpPlaybooks.Engine.History.Records;

/// <summary>One decision on a gate: who, approve or reject, when, and the comment (masked).</summary>
public sealed record ApprovalDecisionRecord
{
    /// <summary>Assigned by the store.</summary>
    public long Id { get; init; }

    public required string ExecutionId { get; init; }

    public required string StepId { get; init; }

    public required string Approver { get; init; }

    /// <summary>How the decision came (<see cref="ApprovalChannel.Unrecorded"/> for rows written before channels were).</summary>
    public ApprovalChannel Channel { get; init; }

    /// <summary>The verified name of the person, when the channel gave one.</summary>
    public string? Person { get; init; }

    /// <summary>What an assistant claimed to be (the <c>approver</c> argument), recorded as said.</summary>
    public string? Claimed { get; init; }

    public required bool Approved { get; init; }

    public string? Comment { get; init; }

    public required DateTimeOffset At { get; init; }
}
