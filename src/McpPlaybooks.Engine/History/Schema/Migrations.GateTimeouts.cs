namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 15: the runs in which a step's approval gate timed out, counted apart from the steps its <c>when</c> skipped.</summary>
internal static partial class Migrations
{
    private const string GateTimeouts =
        """
        -- gate_timeouts: runs in which the step's approval gate timed out with no decision, whatever its on_timeout then did
        -- (reject, approve, skip); a step its on_timeout: skip skipped is no longer in skipped (which is its when's). Runs
        -- folded before keep their counts.
        ALTER TABLE memory_step_days ADD COLUMN gate_timeouts INTEGER NOT NULL DEFAULT 0;
        """;
}
