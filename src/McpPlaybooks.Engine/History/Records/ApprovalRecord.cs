using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.History.Records;

/// <summary>A gate of an execution: one row per (execution, step), replaced when the gate is reached again (a retried step).</summary>
public sealed record ApprovalRecord
{
    public required string ExecutionId { get; init; }

    /// <summary>The gated step, or <c>_start</c> for <c>safety.require_approval</c>.</summary>
    public required string StepId { get; init; }

    /// <summary>Masked.</summary>
    public required string Message { get; init; }

    /// <summary>Identities or roles; empty means anyone. Stored as a JSON array.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    public int MinApprovals { get; init; } = 1;

    public DateTimeOffset? ExpiresAt { get; init; }

    public ApprovalTimeoutDecision OnTimeout { get; init; } = ApprovalTimeoutDecision.Reject;

    public bool SeparateApprover { get; init; }

    public required ApprovalStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }
}
