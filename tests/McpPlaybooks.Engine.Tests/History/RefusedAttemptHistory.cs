using System.Globalization;
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

    public static string Rows => """
        INSERT INTO playbook_versions (playbook_id, version, sha256, content, source, status, created_at)
        VALUES ('calls', '1.0.0', 'abc', 'id: calls', NULL, 'active', 1);
        INSERT INTO executions (id, playbook_id, playbook_version, playbook_sha256, status, dry_run, inputs_json, started_by, created_at, updated_at)
        VALUES ('old-run', 'calls', '1.0.0', 'abc', 'failed', 0, '{}', 'mcp:a', 1000, 1000);
        """ + string.Concat(Cases.Select((c, i) => string.Create(
        CultureInfo.InvariantCulture,
        $"""

        INSERT INTO step_attempts (execution_id, step_id, kind, iteration, attempt, action, status, error_category, error_message, started_at)
        VALUES ('old-run', 'call', 'step', -1, {i + 1}, 'http', '{c.Status}', {Literal(c.Category)}, {Literal(c.Message)}, 1000);
        """)));

    public static async Task AssertMigratedAsync(HistoryStore store)
    {
        var attempts = (await store.GetAttemptsAsync("old-run", default)).OrderBy(a => a.Attempt).ToList();

        Assert.Equal(Cases.Select(c => c.Refused), attempts.Select(a => a.RefusedByBreaker));
        Assert.Equal(Cases.Select(c => c.Message), attempts.Select(a => a.ErrorMessage));
    }

    private static string Literal(string? text) => text is null ? "NULL" : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
