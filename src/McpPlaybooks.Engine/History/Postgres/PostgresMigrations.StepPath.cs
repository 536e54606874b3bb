namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 3: the step attempts' indexes that no query reads any more (SQLite's script 10).</summary>
internal static partial class PostgresMigrations
{
    private const string StepPath =
        """
        DROP INDEX ix_step_attempts_step;
        DROP INDEX ix_step_attempts_target;
        DROP INDEX ix_step_attempts_category;
        """;
}
