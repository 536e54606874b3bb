namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 10 (the per-step path): the step attempts' indexes that no query reads any more.</summary>
internal static partial class Migrations
{
    private const string StepPath =
        """
        -- The learning memory read step_attempts by step, by target and by error category over time through these; it now
        -- reads its own aggregates, and every query of step_attempts names its execution (the unique key's first column).
        -- Each attempt wrote one to three of them (a page of the WAL each), for nothing.
        DROP INDEX ix_step_attempts_step;
        DROP INDEX ix_step_attempts_target;
        DROP INDEX ix_step_attempts_category;
        """;
}
