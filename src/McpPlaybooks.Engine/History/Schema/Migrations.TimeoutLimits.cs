namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 16: the limit that stopped an attempt, kept as data beside its message.</summary>
internal static partial class Migrations
{
    private const string TimeoutLimits =
        """
        -- timeout_ms: the limit of the attempt's own timeout when that timeout is what stopped it; NULL otherwise (a process
        -- or an action that timed out of its own, a step_timeout). The learning memory counts timeouts by it. Attempts recorded
        -- before said so only in their message, '<action> timed out after <limit>' (<limit> as the engine writes durations:
        -- digits and one unit, the largest whole one), which is read here once.
        ALTER TABLE step_attempts ADD COLUMN timeout_ms INTEGER;
        UPDATE step_attempts SET timeout_ms = (
            SELECT CASE
                WHEN unit = 'ms' AND n % 1000 <> 0 THEN n
                WHEN unit = 's' AND n % 60 <> 0 THEN n * 1000
                WHEN unit = 'm' AND n % 60 <> 0 THEN n * 60000
                WHEN unit = 'h' AND n % 24 <> 0 THEN n * 3600000
                WHEN unit = 'd' THEN n * 86400000
            END
            FROM (SELECT CAST(num AS INTEGER) AS n, unit FROM (
                SELECT substr(tail, 1, length(tail) - length(unit)) AS num, unit FROM (
                    SELECT tail, CASE WHEN substr(tail, -2) = 'ms' THEN 'ms' ELSE substr(tail, -1) END AS unit FROM (
                        SELECT substr(step_attempts.error_message, length(step_attempts.action) + 18) AS tail)))
                WHERE num <> '' AND length(num) <= 11 AND num NOT GLOB '*[^0-9]*' AND num NOT GLOB '0*'))
        WHERE status = 'failed' AND error_category = 'timeout'
            AND substr(error_message, 1, length(action) + 17) = action || ' timed out after ';
        """;
}
