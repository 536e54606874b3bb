using McpPlaybooks.Engine.Execution.Approvals;

namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>One decision on a pending gate.</summary>
public sealed record ApprovalRequest
{
    public required string ExecutionId { get; init; }

    /// <summary>The gated step, or <see cref="Approvals.ApprovalGates.StartGateId"/> for <c>safety.require_approval</c>.</summary>
    public required string StepId { get; init; }

    public required bool Approve { get; init; }

    /// <summary>Who decides, and through which channel: only a channel that shows a person can match a gate's approvers.</summary>
    public required ApproverIdentity By { get; init; }

    /// <summary>The recorded identity of the decider (<c>cli:alice</c>, <c>assistant:claude-code</c>).</summary>
    public string Approver => By.Identity;

    public string? Comment { get; init; }

    /// <summary>
    /// When the gate the decider saw was reached (a link's gate, a page's): a gate reached again since (its step retried)
    /// refuses the decision, which was not made on it. Null: whatever gate waits now.
    /// </summary>
    public DateTimeOffset? GateOpenedAt { get; init; }
}
