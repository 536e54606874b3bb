namespace McpPlaybooks.Engine.History.Records;

/// <summary>
/// A one-time approval link as the history keeps it: the SHA-256 of its token (never the token), the gate instance it
/// decides (execution, step, when the gate was reached), who it was issued for, and the one decision it made.
/// </summary>
public sealed record ApprovalLinkRecord
{
    /// <summary>The lowercase hex SHA-256 of the token's UTF-8 text.</summary>
    public required string TokenSha256 { get; init; }

    public required string ExecutionId { get; init; }

    public required string StepId { get; init; }

    /// <summary>When the gate it decides was reached (<see cref="ApprovalRecord.CreatedAt"/>): a gate reached again is another gate.</summary>
    public required DateTimeOffset GateOpenedAt { get; init; }

    /// <summary>The identity it was issued for (<c>alice</c>, <c>cli:bob</c>); null: anyone holding it, recorded as <c>link</c>.</summary>
    public string? IssuedFor { get; init; }

    /// <summary>The verified name a gate's approvers may match; null when none.</summary>
    public string? Name { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Who asked for it (<c>server</c>, <c>cli:bob</c>).</summary>
    public required string IssuedBy { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When its one decision was made; null while unused.</summary>
    public DateTimeOffset? UsedAt { get; init; }

    /// <summary>The decision it made, <c>approve</c> or <c>reject</c>; null while unused.</summary>
    public string? Decision { get; init; }
}
