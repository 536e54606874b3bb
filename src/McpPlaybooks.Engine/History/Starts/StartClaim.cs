using System.Security.Cryptography;
using System.Text;

namespace McpPlaybooks.Engine.History.Starts;

/// <summary>
/// What a start's checks found true before it was recorded, checked again by the writer in the transaction that records it
/// (<see cref="StartChecks"/>): no execution holds its idempotency key; no identical real execution is active; fewer active
/// real executions of the playbook than <see cref="MaxConcurrent"/>, and fewer real starts after <see cref="Since"/> than
/// <see cref="MaxPerHour"/>. The host's checks read history outside that transaction, so another process may record a
/// start between them and the insert; this claim is what makes the check and the insert one step.
/// </summary>
internal sealed record StartClaim(string PlaybookId)
{
    /// <summary>The idempotency key no execution may hold yet; null for a start without one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The real run no active execution may be identical to (a real start without a key or parent); null when not checked.</summary>
    public IdenticalRun? Identical { get; init; }

    /// <summary><c>safety.max_concurrent</c> of a real run; null when not checked.</summary>
    public int? MaxConcurrent { get; init; }

    /// <summary><c>safety.max_executions_per_hour</c> of a real run; null when not checked.</summary>
    public int? MaxPerHour { get; init; }

    /// <summary>Where the hour of <see cref="MaxPerHour"/> begins (a start at this instant is out of it); it has no end: a start recorded by a clock ahead of this one's counts.</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>Whether the claim reads the playbook's executions (then starts of the playbook are serialised).</summary>
    public bool ReadsPlaybook => Identical is not null || MaxConcurrent is not null || MaxPerHour is not null;

    /// <summary>
    /// The locks that serialise this start with the others that could break its claim, where the store takes them
    /// (<see cref="Dialect.SqlDialect.LockStart"/>): one for its key, one for its playbook. A collision of two names only
    /// serialises two starts that did not need it.
    /// </summary>
    public IEnumerable<long> Locks()
    {
        if (IdempotencyKey is { } key)
        {
            yield return LockOf("idempotency_key:" + key);
        }

        if (ReadsPlaybook)
        {
            yield return LockOf("playbook:" + PlaybookId);
        }
    }

    private static long LockOf(string name)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        return BitConverter.ToInt64(hash);
    }
}
