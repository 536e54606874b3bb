namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 7: the runs of a step that an open circuit breaker refused, counted apart from its failures (SQLite's script 14).</summary>
internal static partial class PostgresMigrations
{
    private const string StepRefusals =
        """
        ALTER TABLE memory_step_days ADD COLUMN refused bigint NOT NULL DEFAULT 0;
        """;
}
