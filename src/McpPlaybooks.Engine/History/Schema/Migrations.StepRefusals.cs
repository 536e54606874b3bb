namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 14: the runs of a step that an open circuit breaker refused, counted apart from its failures.</summary>
internal static partial class Migrations
{
    private const string StepRefusals =
        """
        -- refused: runs in which the step failed only because an open circuit breaker refused its calls (no call was made),
        -- as script 11 counts such runs apart for the playbook; they are no longer in failed. Runs folded before keep their
        -- outcome.
        ALTER TABLE memory_step_days ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
        """;
}
