using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.History.Records;

/// <summary>One execution's row. Every text field is already masked by the engine.</summary>
public sealed record ExecutionRecord
{
    public required string Id { get; init; }

    public required string PlaybookId { get; init; }

    public required string PlaybookVersion { get; init; }

    /// <summary>The hash of the pinned <see cref="PlaybookVersionRecord"/>.</summary>
    public required string PlaybookSha256 { get; init; }

    public required ExecutionStatus Status { get; init; }

    public bool DryRun { get; init; }

    /// <summary>The bound inputs as a JSON object, masked.</summary>
    public string InputsJson { get; init; } = "{}";

    /// <summary>
    /// The keyed digest of the secret inputs the start gave (<see cref="Execution.SecretInputsDigest"/>), which <see cref="InputsJson"/>
    /// holds as <c>***</c>; null when it gave none, and for executions recorded before digests were kept. Written with the
    /// execution's first row, never changed.
    /// </summary>
    public string? SecretInputsHmac { get; init; }

    /// <summary>The incident as JSON, masked; null when none.</summary>
    public string? IncidentJson { get; init; }

    /// <summary>The identity that started it (<c>cli:alice</c>, a token's identity).</summary>
    public string StartedBy { get; init; } = "unknown";

    public string? IdempotencyKey { get; init; }

    public string? ParentExecutionId { get; init; }

    /// <summary>The execution this one replays, when it is a replay.</summary>
    public string? ReplayOf { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public ErrorCategory? ErrorCategory { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The playbook's outputs as a JSON object, masked; null until it ends.</summary>
    public string? OutputsJson { get; init; }

    /// <summary>The process that holds the lease on this unfinished execution (design §3, Ownership).</summary>
    public string? OwnerId { get; init; }

    public DateTimeOffset? LeaseExpiresAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>0 for an execution started by a caller; a child's is its parent's plus one (at most 5).</summary>
    public int Depth { get; init; }

    /// <summary>Time spent running (not parked) before <see cref="RunningSince"/>, for the execution's <c>timeout</c>.</summary>
    public long ActiveMs { get; init; }

    /// <summary>When the current running stretch began; null while parked or ended.</summary>
    public DateTimeOffset? RunningSince { get; init; }

    /// <summary>
    /// The lease's fencing token: raised by every claim that changes the owner. Read only: a save never writes it (the lease
    /// operations do, <see cref="History.LeaseStatements"/>).
    /// </summary>
    public long LeaseEpoch { get; init; }

    /// <summary>The owner the lease was last taken from (by a claim that changed the owner); read only, as <see cref="LeaseEpoch"/>.</summary>
    public string? PreviousOwnerId { get; init; }
}
