using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>
/// Attempts recorded before the limit that stopped an attempt was kept as data (the same SQL on both stores), and what the
/// migration reads from their messages: only the engine's own <c>{action} timed out after {limit}</c>, in a failure of
/// category timeout, with the limit written as the engine writes it.
/// </summary>
internal static class TimeoutLimitHistory
{
    /// <summary>(action, category, message, the limit in milliseconds the migration reads): attempt N of step <c>work</c> is row N.</summary>
    private static readonly (string Action, string Category, string? Message, long? LimitMs)[] Cases =
    [
        ("shell", "timeout", "shell timed out after 30s", 30_000),
        ("http", "timeout", "http timed out after 1500ms", 1_500),
        ("shell", "timeout", "shell timed out after 2h", 7_200_000),
        ("wait", "timeout", "wait timed out after 365d", 31_536_000_000),
        ("shell", "timeout", "'sh' exited with code 1: connect to db: connection timed out", null),
        ("shell", "timeout", "http timed out after 30s", null),
        ("shell", "timeout", "shell timed out after 30s, then more", null),
        ("shell", "timeout", "shell timed out after 60s", null), // the engine writes 1m
        ("shell", "timeout", "shell timed out after 030s", null),
        ("shell", "timeout", "shell timed out after 0s", null),
        ("shell", "timeout", "shell timed out after 30MS", null),
        ("shell", "timeout", "step 'work' exceeded its step_timeout of 30s", null),
        ("shell", "unknown", "shell timed out after 30s", null),
        ("shell", "timeout", null, null),
    ];

    public static string Rows => OldAttemptRows.Of("work", Cases.Select(c => (c.Action, "failed", (string?)c.Category, c.Message)));

    public static async Task AssertMigratedAsync(HistoryStore store)
    {
        var attempts = (await store.GetAttemptsAsync("old-run", default)).OrderBy(a => a.Attempt).ToList();

        Assert.Equal(Cases.Select(c => c.LimitMs), attempts.Select(a => a.StoppedByTimeout is { } limit ? (long?)limit.TotalMilliseconds : null));
        Assert.Equal(Cases.Select(c => c.Message), attempts.Select(a => a.ErrorMessage));
    }
}
