namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>Script 1, part 4: handles, approval links and approval pages (SQLite's scripts 6 and 7).</summary>
internal static partial class PostgresMigrations
{
    private const string Later =
        """
        CREATE TABLE execution_handles (
            id           text NOT NULL PRIMARY KEY,
            execution_id text NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            holder       text,
            origin       text NOT NULL,
            created_at   bigint NOT NULL,
            ttl_ms       bigint,
            poll_ms      bigint NOT NULL
        );
        CREATE INDEX ix_execution_handles_created ON execution_handles (created_at DESC, id DESC);
        CREATE INDEX ix_execution_handles_execution ON execution_handles (execution_id);

        CREATE TABLE approval_links (
            token_sha256   text NOT NULL PRIMARY KEY,
            execution_id   text NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            step_id        text NOT NULL,
            gate_opened_at bigint NOT NULL,
            issued_for     text,
            name           text,
            roles_json     text NOT NULL,
            issued_by      text NOT NULL,
            issued_at      bigint NOT NULL,
            used_at        bigint,
            decision       text
        );
        CREATE INDEX ix_approval_links_gate ON approval_links (execution_id, step_id);

        CREATE TABLE approval_pages (
            owner_id   text NOT NULL PRIMARY KEY,
            base_url   text NOT NULL,
            started_at bigint NOT NULL
        );
        """;
}
