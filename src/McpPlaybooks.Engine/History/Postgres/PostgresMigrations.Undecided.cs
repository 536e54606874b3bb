namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 4: runs the learning memory keeps out of a playbook's success rate (SQLite's script 11).</summary>
internal static partial class PostgresMigrations
{
    private const string Undecided =
        """
        ALTER TABLE memory_playbook_days ADD COLUMN rejected bigint NOT NULL DEFAULT 0;
        ALTER TABLE memory_playbook_days ADD COLUMN refused bigint NOT NULL DEFAULT 0;
        ALTER TABLE memory_incident_days ADD COLUMN rejected bigint NOT NULL DEFAULT 0;
        ALTER TABLE memory_incident_days ADD COLUMN refused bigint NOT NULL DEFAULT 0;
        """;
}
