using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>
/// Attempts recorded before a breaker's refusal was kept as data (the same SQL on both stores), and what the migration reads
/// from their messages: a failed attempt whose message begins as the breaker's refusals did, exactly as the readers of that
/// time read it (whatever its category; nothing else, and nothing a secret masked).
/// </summary>
internal static class RefusedAttemptHistory
{
    /// <summary>(status, category, message, refused as the migration reads it): attempt N of step <c>call</c> is row N.</summary>
    private static readonly (string Status, string? Category, string? Message, bool Refused)[] Cases =
    [
        ("failed", "dependency", "circuit breaker for 'https://api.example.com' is open after 5 unhealthy failures in the last 2m; calls fail fast until 2026-12-07T10:00:00Z (in 30s); the step has no retries to wait with (retry.max_attempts is 1)", true),
        ("failed", "dependency", "circuit breaker for 'api' is half open: a trial call is under way, and other calls fail fast until it succeeds", true),
        ("failed", "temporary", "circuit breaker for 'api' is open: not called", true),
        ("failed", "dependency", "circuit *** for 'api' is open: not called", false),
        ("failed", "dependency", "Circuit breaker for 'api' is open", false),
        ("failed", "network", "connect: circuit breaker for 'api' is open", false),
        ("failed", "dependency", "circuit breaker for api is open", false),
        ("failed", "dependency", null, false),
        ("cancelled", null, "circuit breaker for 'api' is open", false),
        ("completed", null, null, false),
    ];

    public static string Rows => OldAttemptRows.Of("call", Cases.Select(c => ("http", c.Status, c.Category, c.Message)));

    public static async Task AssertMigratedAsync(HistoryStore store)
    {
        var attempts = (await store.GetAttemptsAsync("old-run", default)).OrderBy(a => a.Attempt).ToList();

        Assert.Equal(Cases.Select(c => c.Refused), attempts.Select(a => a.RefusedByBreaker));
        Assert.Equal(Cases.Select(c => c.Message), attempts.Select(a => a.ErrorMessage));
    }
}
