namespace McpPlaybooks.Engine.Execution.State;

/// <summary>A gate waiting for people.</summary>
public sealed record PendingApproval
{
    public required string StepId { get; init; }

    /// <summary>Set when the gate is a child execution's, shown in its parent's state: decide it on that execution.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The message as rendered, masked and bounded (<c>Approvals.GateMessage</c>).</summary>
    public required string Message { get; init; }

    /// <summary>
    /// The author's text of <see cref="Message"/> when values were rendered into it (<c>{{ inputs.service }}</c>): what
    /// those put in is data a caller chose, not the author's words. Null when the message has no values.
    /// </summary>
    public string? MessageTemplate { get; init; }

    public IReadOnlyList<string> Approvers { get; init; } = [];

    public int MinApprovals { get; init; } = 1;

    public IReadOnlyList<ApprovalDecision> Decisions { get; init; } = [];

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>What happens when <see cref="ExpiresAt"/> passes with no decision.</summary>
    public Definitions.ApprovalTimeoutDecision OnTimeout { get; init; } = Definitions.ApprovalTimeoutDecision.Reject;

    /// <summary>The identity that started the execution may not decide (the gate's, else the playbook's <c>separate_approver</c>).</summary>
    public bool SeparateApprover { get; init; }

    /// <summary>When the gate was reached.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
