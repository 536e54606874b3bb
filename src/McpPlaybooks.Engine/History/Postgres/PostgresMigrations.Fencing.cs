namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 1, part 5: the lease's fencing token and the owner it was taken from (SQLite's script 9).</summary>
internal static partial class PostgresMigrations
{
    private const string Fencing =
        """
        ALTER TABLE executions ADD COLUMN lease_epoch bigint NOT NULL DEFAULT 0;
        ALTER TABLE executions ADD COLUMN previous_owner_id text;
        """;
}
