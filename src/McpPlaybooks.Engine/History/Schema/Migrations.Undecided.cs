namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 11: runs the learning memory keeps out of a playbook's success rate, beside cancelled ones.</summary>
internal static partial class Migrations
{
    private const string Undecided =
        """
        -- rejected: the run failed only because people turned a gate down (a rejection, or an approval timeout that rejects);
        -- refused: its failed steps were only refused by an open circuit breaker (no call was made). Neither is a failure of
        -- the playbook's steps. Runs folded before keep their outcome.
        ALTER TABLE memory_playbook_days ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE memory_playbook_days ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE memory_incident_days ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE memory_incident_days ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
        """;
}
