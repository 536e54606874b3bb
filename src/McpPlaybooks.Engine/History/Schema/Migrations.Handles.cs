namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 6 (issue #16): a caller's durable handle on an execution, kept for a while after the call that made it.</summary>
internal static partial class Migrations
{
    private const string Handles =
        """
        -- Issue #16: a handle a caller was given on an execution (a wait on it that outlives the call and the process),
        -- read back by its id from any process sharing the file. ttl_ms is how long after created_at it is kept (null: as
        -- long as the execution); poll_ms is how often the caller was told to look. holder is who may use it (the token's
        -- identity), null when anyone on this server may.
        CREATE TABLE execution_handles (
            id           TEXT NOT NULL PRIMARY KEY,
            execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            holder       TEXT,
            origin       TEXT NOT NULL,
            created_at   INTEGER NOT NULL,
            ttl_ms       INTEGER,
            poll_ms      INTEGER NOT NULL
        );
        CREATE INDEX ix_execution_handles_created ON execution_handles (created_at DESC, id DESC);
        CREATE INDEX ix_execution_handles_execution ON execution_handles (execution_id);
        """;
}
