namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 5: the learning memory's timeouts by the limit that stopped the attempts (SQLite's script 12).</summary>
internal static partial class PostgresMigrations
{
    private const string MemoryTimeouts =
        """
        CREATE TABLE memory_step_timeouts (
            playbook_id text NOT NULL,
            step_id     text NOT NULL,
            day         bigint NOT NULL,
            limit_ms    bigint NOT NULL, -- the timeout that stopped them
            count       bigint NOT NULL,
            PRIMARY KEY (playbook_id, step_id, day, limit_ms)
        );
        """;
}
