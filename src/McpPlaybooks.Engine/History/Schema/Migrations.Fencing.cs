namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 9 (leases across machines): the fencing token of each execution's lease, and the owner it was taken from.</summary>
internal static partial class Migrations
{
    private const string Fencing =
        """
        -- The lease epoch (a fencing token): raised by every claim that changes the owner, never by a renewal or a claim by the
        -- same owner. Every write of an owner for an execution it leased is checked against it in the same transaction
        -- (LeaseStatements.Fence), so a process that lost its lease (paused, then revived) cannot write over its successor.
        ALTER TABLE executions ADD COLUMN lease_epoch INTEGER NOT NULL DEFAULT 0;
        -- The owner the lease was last taken from, set by the claim that changed the owner: a takeover checks the pids its
        -- attempts recorded only when that owner ran on this host.
        ALTER TABLE executions ADD COLUMN previous_owner_id TEXT;
        """;
}
