namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 12: the learning memory's timeouts by the limit that stopped the attempts.</summary>
internal static partial class Migrations
{
    private const string MemoryTimeouts =
        """
        -- Attempts stopped by their own timeout (the step's timeout, else the default one), by that limit: what the timeout rule
        -- compares a definition's timeout with. memory_step_days.timeouts counts every failure of category timeout (a process
        -- that printed "timed out", an action's own wait) whatever stopped it.
        CREATE TABLE memory_step_timeouts (
            playbook_id TEXT NOT NULL,
            step_id     TEXT NOT NULL,
            day         INTEGER NOT NULL,
            limit_ms    INTEGER NOT NULL, -- the timeout that stopped them
            count       INTEGER NOT NULL,
            PRIMARY KEY (playbook_id, step_id, day, limit_ms)
        ) WITHOUT ROWID;
        """;
}
