namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 10: an attempt refused by an open circuit breaker is marked so, as data beside its message (SQLite's script 17, which says how old rows are read).</summary>
internal static partial class PostgresMigrations
{
    private const string RefusedAttempts =
        """
        ALTER TABLE step_attempts ADD COLUMN refused_by_breaker bigint NOT NULL DEFAULT 0;
        UPDATE step_attempts SET refused_by_breaker = 1
        WHERE status = 'failed' AND left(error_message, 21) = 'circuit breaker for ''';
        """;
}
