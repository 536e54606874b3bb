namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 8: the runs in which a step's approval gate timed out (SQLite's script 15).</summary>
internal static partial class PostgresMigrations
{
    private const string GateTimeouts =
        """
        ALTER TABLE memory_step_days ADD COLUMN gate_timeouts bigint NOT NULL DEFAULT 0;
        """;
}
