namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 7 (issue #15): one-time approval links, and where each running server serves its approval page.</summary>
internal static partial class Migrations
{
    private const string Links =
        """
        -- Issue #15: a one-time approval link. Only the SHA-256 of its token is kept (hex), never the token. A link decides
        -- one gate instance: the step's gate reached at gate_opened_at (approvals.created_at), so a gate reached again (a
        -- retried step) does not take the links of the earlier one. issued_for is the identity it was issued for (null:
        -- the decision's identity is 'link'), name and roles_json what a gate's approvers may match. used_at and decision
        -- (approve | reject) are set, once, by the one decision the link made.
        CREATE TABLE approval_links (
            token_sha256   TEXT NOT NULL PRIMARY KEY,
            execution_id   TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            step_id        TEXT NOT NULL,
            gate_opened_at INTEGER NOT NULL,
            issued_for     TEXT,
            name           TEXT,
            roles_json     TEXT NOT NULL,
            issued_by      TEXT NOT NULL,
            issued_at      INTEGER NOT NULL,
            used_at        INTEGER,
            decision       TEXT
        );
        CREATE INDEX ix_approval_links_gate ON approval_links (execution_id, step_id);

        -- Issue #15: the base address of the approval page each running server process serves (owner_id as in leases:
        -- host:pid:random), so that 'mcp-playbooks approvals' can print links that work. A row is removed when its server
        -- stops; one left by a process that died is recognised by its pid.
        CREATE TABLE approval_pages (
            owner_id   TEXT NOT NULL PRIMARY KEY,
            base_url   TEXT NOT NULL,
            started_at INTEGER NOT NULL
        );
        """;
}
