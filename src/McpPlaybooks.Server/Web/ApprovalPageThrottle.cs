using System.Collections.Concurrent;
using System.Net;

namespace McpPlaybooks.Server.Web;

/// <summary>
/// A modest limit on failed link lookups (unknown tokens) per client address: at most <see cref="MaxFailures"/> a minute,
/// then 429 until the minute is over. Guessing a 256-bit token is hopeless anyway; this keeps a scanner from filling the log.
/// </summary>
internal sealed class ApprovalPageThrottle(TimeProvider time)
{
    public const int MaxFailures = 30;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<IPAddress, (DateTimeOffset Start, int Count)> _failures = new();

    public bool IsBlocked(IPAddress? client) =>
        client is not null && _failures.TryGetValue(client, out var entry) && time.GetUtcNow() - entry.Start < Window && entry.Count >= MaxFailures;

    public void Failed(IPAddress? client)
    {
        if (client is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        _failures.AddOrUpdate(client, (now, 1), (_, entry) => now - entry.Start >= Window ? (now, 1) : (entry.Start, entry.Count + 1));
        if (_failures.Count > 10_000)
        {
            foreach (var old in _failures.Where(e => now - e.Value.Start >= Window).Select(e => e.Key).ToList())
            {
                _failures.TryRemove(old, out _);
            }
        }
    }
}
