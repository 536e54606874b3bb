namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 17: an attempt refused by an open circuit breaker is marked so, as data beside its message.</summary>
internal static partial class Migrations
{
    private const string RefusedAttempts =
        """
        -- refused_by_breaker: 1 when an open circuit breaker refused the attempt's call (no call was made), else 0. The learning
        -- memory and get_execution_metrics count refusals by it. Attempts recorded before said so only in their message, which
        -- began 'circuit breaker for ''' (unless a secret masked part of it): read here once, as those readers did.
        ALTER TABLE step_attempts ADD COLUMN refused_by_breaker INTEGER NOT NULL DEFAULT 0;
        UPDATE step_attempts SET refused_by_breaker = 1
        WHERE status = 'failed' AND substr(error_message, 1, 21) = 'circuit breaker for ''';
        """;
}
