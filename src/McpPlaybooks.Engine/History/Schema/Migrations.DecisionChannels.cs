namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 5 (issue #15): how each decision on a gate came, so that only a person's decisions count.</summary>
internal static partial class Migrations
{
    private const string DecisionChannels =
        """
        -- Issue #15: the channel a decision came through (token, dashboard, link, cli, chat, assistant; null for decisions
        -- recorded before), the verified name of the person where the channel gave one, and what an assistant claimed to be.
        ALTER TABLE approval_decisions ADD COLUMN channel TEXT;
        ALTER TABLE approval_decisions ADD COLUMN person TEXT;
        ALTER TABLE approval_decisions ADD COLUMN claimed TEXT;
        """;
}
