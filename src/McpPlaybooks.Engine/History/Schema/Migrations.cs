namespace McpPlaybooks.Engine.History.Schema;

/// <summary>
/// The schema, as an ordered list of scripts: script N (1-based) takes the database from
/// <c>user_version</c> N-1 to N. Never edit a script that has shipped; append a new one.
/// Times are INTEGER unix milliseconds (UTC); enums are their snake names, so people can read the file with sqlite3.
/// </summary>
internal static partial class Migrations
{
    public static IReadOnlyList<string> Scripts { get; } =
    [
        """
        CREATE TABLE playbook_versions (
            playbook_id TEXT NOT NULL,
            version     TEXT NOT NULL,
            sha256      TEXT NOT NULL,
            content     TEXT NOT NULL,
            source      TEXT,
            status      TEXT NOT NULL,
            created_at  INTEGER NOT NULL,
            PRIMARY KEY (playbook_id, version, sha256)
        );

        CREATE TABLE executions (
            id                  TEXT NOT NULL PRIMARY KEY,
            playbook_id         TEXT NOT NULL,
            playbook_version    TEXT NOT NULL,
            playbook_sha256     TEXT NOT NULL,
            status              TEXT NOT NULL,
            dry_run             INTEGER NOT NULL,
            inputs_json         TEXT NOT NULL,
            incident_json       TEXT,
            started_by          TEXT NOT NULL,
            idempotency_key     TEXT,
            parent_execution_id TEXT,
            replay_of           TEXT,
            created_at          INTEGER NOT NULL,
            started_at          INTEGER,
            ended_at            INTEGER,
            error_category      TEXT,
            error_message       TEXT,
            outputs_json        TEXT,
            owner_id            TEXT,
            lease_expires_at    INTEGER,
            updated_at          INTEGER NOT NULL,
            FOREIGN KEY (playbook_id, playbook_version, playbook_sha256)
                REFERENCES playbook_versions (playbook_id, version, sha256) DEFERRABLE INITIALLY DEFERRED
        );
        CREATE INDEX ix_executions_created ON executions (created_at DESC, id DESC);
        CREATE INDEX ix_executions_playbook ON executions (playbook_id, created_at DESC, id DESC);
        CREATE INDEX ix_executions_status ON executions (status, created_at DESC);
        CREATE INDEX ix_executions_idempotency_key ON executions (idempotency_key) WHERE idempotency_key IS NOT NULL;

        CREATE TABLE step_states (
            execution_id   TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            step_id        TEXT NOT NULL,
            position       INTEGER NOT NULL,
            status         TEXT NOT NULL,
            attempts       INTEGER NOT NULL,
            started_at     INTEGER,
            ended_at       INTEGER,
            output_json    TEXT,
            error_category TEXT,
            error_message  TEXT,
            plan_json      TEXT,
            PRIMARY KEY (execution_id, step_id)
        );

        CREATE TABLE step_attempts (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            execution_id   TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            step_id        TEXT NOT NULL,
            kind           TEXT NOT NULL,
            iteration      INTEGER NOT NULL, -- -1 when the attempt has no iteration
            attempt        INTEGER NOT NULL,
            action         TEXT NOT NULL,
            target         TEXT,
            status         TEXT NOT NULL,
            error_category TEXT,
            error_message  TEXT,
            started_at     INTEGER NOT NULL,
            ended_at       INTEGER,
            duration_ms    REAL,
            output_json    TEXT,
            UNIQUE (execution_id, step_id, kind, iteration, attempt)
        );
        -- The learning memory: by playbook goes through executions (playbook_id, ...) then this table's unique key;
        -- by step and by target (a host or an executable) over time; by error category.
        CREATE INDEX ix_step_attempts_step ON step_attempts (step_id, started_at);
        CREATE INDEX ix_step_attempts_target ON step_attempts (target, started_at) WHERE target IS NOT NULL;
        CREATE INDEX ix_step_attempts_category ON step_attempts (error_category, started_at) WHERE error_category IS NOT NULL;

        CREATE TABLE logs (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            step_id      TEXT,
            level        TEXT NOT NULL,
            message      TEXT NOT NULL,
            at           INTEGER NOT NULL
        );
        CREATE INDEX ix_logs_execution ON logs (execution_id, id);

        CREATE TABLE audit (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            at           INTEGER NOT NULL,
            actor        TEXT NOT NULL,
            action       TEXT NOT NULL,
            subject_type TEXT NOT NULL,
            subject_id   TEXT NOT NULL,
            detail_json  TEXT
        );
        CREATE INDEX ix_audit_subject ON audit (subject_id, id);
        """,
        """
        -- Issue #4: approvals, signals, control requests, lifecycle, sub-playbooks and the execution timeout across parks.
        ALTER TABLE executions ADD COLUMN depth INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE executions ADD COLUMN active_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE executions ADD COLUMN running_since INTEGER;
        CREATE INDEX ix_executions_owner ON executions (owner_id) WHERE owner_id IS NOT NULL;
        CREATE INDEX ix_executions_parent ON executions (parent_execution_id) WHERE parent_execution_id IS NOT NULL;
        -- The identical-run check at every start, and the takeover scan of unfinished executions (its WHERE
        -- repeats the index's, and it names the index with INDEXED BY, whatever the size of the finished history).
        CREATE INDEX ix_executions_duplicate ON executions (playbook_id, playbook_sha256, inputs_json);
        CREATE INDEX ix_executions_unfinished ON executions (created_at, id)
            WHERE status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND dry_run = 0;
        ALTER TABLE step_states ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE approvals (
            execution_id      TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            step_id           TEXT NOT NULL,
            message           TEXT NOT NULL,
            approvers_json    TEXT NOT NULL,
            min_approvals     INTEGER NOT NULL,
            expires_at        INTEGER,
            on_timeout        TEXT NOT NULL,
            separate_approver INTEGER NOT NULL,
            status            TEXT NOT NULL,
            created_at        INTEGER NOT NULL,
            resolved_at       INTEGER,
            PRIMARY KEY (execution_id, step_id)
        );
        CREATE INDEX ix_approvals_pending ON approvals (expires_at) WHERE status = 'pending';

        CREATE TABLE approval_decisions (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            step_id      TEXT NOT NULL,
            approver     TEXT NOT NULL,
            approved     INTEGER NOT NULL,
            comment      TEXT,
            at           INTEGER NOT NULL
        );
        CREATE INDEX ix_approval_decisions_gate ON approval_decisions (execution_id, step_id);

        CREATE TABLE signals (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            type         TEXT NOT NULL,
            correlation  TEXT,
            payload_json TEXT,
            sent_by      TEXT NOT NULL,
            at           INTEGER NOT NULL,
            consumed_by  TEXT,
            consumed_at  INTEGER
        );
        CREATE INDEX ix_signals_execution ON signals (execution_id, consumed_by);

        CREATE TABLE control_requests (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            action       TEXT NOT NULL,
            payload_json TEXT,
            requested_by TEXT NOT NULL,
            requested_at INTEGER NOT NULL,
            handled_at   INTEGER,
            error        TEXT
        );
        CREATE INDEX ix_control_requests_pending ON control_requests (execution_id) WHERE handled_at IS NULL;

        CREATE TABLE playbook_statuses (
            playbook_id TEXT NOT NULL,
            version     TEXT NOT NULL,
            status      TEXT NOT NULL,
            changed_at  INTEGER NOT NULL,
            changed_by  TEXT NOT NULL,
            PRIMARY KEY (playbook_id, version)
        );
        """,
        Memory,
        Processes,
        DecisionChannels,
        Handles,
        Links,
        ExecutionList,
        Fencing,
        StepPath,
        Undecided,
        MemoryTimeouts,
        UniqueKeys,
        StepRefusals,
        GateTimeouts,
        TimeoutLimits,
        RefusedAttempts,
        SecretDigests,
    ];

    /// <summary>The version a database has once every script ran.</summary>
    public static int Latest => Scripts.Count;
}
