namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 9: the limit that stopped an attempt, kept as data beside its message (SQLite's script 16, which says how old rows are read).</summary>
internal static partial class PostgresMigrations
{
    private const string TimeoutLimits =
        """
        ALTER TABLE step_attempts ADD COLUMN timeout_ms bigint;
        UPDATE step_attempts t SET timeout_ms = CASE
                WHEN p.unit = 'ms' AND p.n % 1000 <> 0 THEN p.n
                WHEN p.unit = 's' AND p.n % 60 <> 0 THEN p.n * 1000
                WHEN p.unit = 'm' AND p.n % 60 <> 0 THEN p.n * 60000
                WHEN p.unit = 'h' AND p.n % 24 <> 0 THEN p.n * 3600000
                WHEN p.unit = 'd' THEN p.n * 86400000
            END
        FROM (
            SELECT id, num::bigint AS n, unit FROM (
                SELECT id, left(tail, length(tail) - length(unit)) AS num, unit FROM (
                    SELECT id, tail, CASE WHEN right(tail, 2) = 'ms' THEN 'ms' ELSE right(tail, 1) END AS unit FROM (
                        SELECT id, substr(error_message, length(action) + 18) AS tail FROM step_attempts
                        WHERE status = 'failed' AND error_category = 'timeout'
                            AND left(error_message, length(action) + 17) = action || ' timed out after ') AS timed_out) AS split) AS parts
            WHERE num ~ '^[1-9][0-9]{0,10}$') AS p
        WHERE t.id = p.id;
        """;
}
