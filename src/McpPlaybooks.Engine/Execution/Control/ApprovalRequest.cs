namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>One decision on a pending gate.</summary>
public sealed record ApprovalRequest
{
    public required string ExecutionId { get; init; }

    /// <summary>The gated step, or <see cref="Approvals.ApprovalGates.StartGateId"/> for <c>safety.require_approval</c>.</summary>
    public required string StepId { get; init; }

    public required bool Approve { get; init; }

    /// <summary>The identity deciding (<c>cli:alice</c>, a token's identity, <c>elicitation:Claude</c>).</summary>
    public required string Approver { get; init; }

    /// <summary>The roles of the approver (from a token); a gate's <c>approvers</c> may name roles.</summary>
    public IReadOnlyCollection<string> Roles { get; init; } = [];

    public string? Comment { get; init; }
}
