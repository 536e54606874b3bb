using System.Globalization;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>
/// The rows of a history written by an older version for a data migration to read: one failed execution, <c>old-run</c>,
/// whose step <paramref name="stepId"/> made the given attempts (attempt N is the N-th), in columns every version has.
/// </summary>
internal static class OldAttemptRows
{
    public static string Of(string stepId, IEnumerable<(string Action, string Status, string? Category, string? Message)> attempts) => """
        INSERT INTO playbook_versions (playbook_id, version, sha256, content, source, status, created_at)
        VALUES ('old', '1.0.0', 'abc', 'id: old', NULL, 'active', 1);
        INSERT INTO executions (id, playbook_id, playbook_version, playbook_sha256, status, dry_run, inputs_json, started_by, created_at, updated_at)
        VALUES ('old-run', 'old', '1.0.0', 'abc', 'failed', 0, '{}', 'mcp:a', 1000, 1000);
        """ + string.Concat(attempts.Select((a, i) => string.Create(
        CultureInfo.InvariantCulture,
        $"""

        INSERT INTO step_attempts (execution_id, step_id, kind, iteration, attempt, action, status, error_category, error_message, started_at)
        VALUES ('old-run', '{stepId}', 'step', -1, {i + 1}, '{a.Action}', '{a.Status}', {Literal(a.Category)}, {Literal(a.Message)}, 1000);
        """)));

    private static string Literal(string? text) => text is null ? "NULL" : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
