namespace McpPlaybooks.Engine.History.Records;

/// <summary>
/// A caller's durable handle on an execution: an id given out once, that any process sharing the history can resolve to
/// the execution for as long as <see cref="Ttl"/> after <see cref="CreatedAt"/>.
/// </summary>
public sealed record ExecutionHandleRecord
{
    /// <summary>Unguessable; chosen by the caller of <see cref="HistoryStore.SaveHandleAsync"/>.</summary>
    public required string Id { get; init; }

    public required string ExecutionId { get; init; }

    /// <summary>Who may use the handle (an authenticated identity); null when anyone who can reach the server may.</summary>
    public string? Holder { get; init; }

    /// <summary>What made the handle, in a few words (the request that asked for it, e.g. <c>execute_playbook</c>).</summary>
    public required string Origin { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>How long after <see cref="CreatedAt"/> the handle is kept; null for as long as the execution is.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>How often the holder was told to look at the execution.</summary>
    public required TimeSpan PollInterval { get; init; }

    /// <summary>When the handle stops resolving; null when it does not expire.</summary>
    public DateTimeOffset? ExpiresAt => Ttl is { } ttl ? CreatedAt + ttl : null;

    /// <summary>Whether the handle has expired at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now;
}
