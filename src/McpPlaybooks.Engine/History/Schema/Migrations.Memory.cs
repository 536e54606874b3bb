namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 3 (issue #6): the learning memory's aggregates, notes and full-text index.</summary>
internal static partial class Migrations
{
    private const string Memory =
        """
        -- Issue #6: the learning memory. Aggregates folded from each finished execution (never a dry run) in the transaction
        -- that records its final status; questions read these tables only, never step_attempts or logs. day is the UTC day
        -- number (unix ms / 86400000) of the execution's end. Enums are snake names; '' stands for "none" in keys.
        CREATE TABLE memory_folds (
            execution_id    TEXT NOT NULL PRIMARY KEY,
            last_attempt_id INTEGER NOT NULL, -- the step_attempts.id up to which attempts are folded
            outcome_json    TEXT NOT NULL,    -- the execution-level counts it added, taken back when it finishes again
            steps_json      TEXT NOT NULL,    -- the same for its steps: [[step_id, runs, completed, failed, skipped, flaky], ...]
            folded_at       INTEGER NOT NULL,
            pruned_at       INTEGER           -- when retention deleted its attempts and logs (null again if it is folded again)
        );
        -- Retention's candidates: folded executions not pruned yet.
        CREATE INDEX ix_memory_folds_unpruned ON memory_folds (execution_id) WHERE pruned_at IS NULL;
        CREATE TABLE memory_playbook_days (
            playbook_id     TEXT NOT NULL,
            day             INTEGER NOT NULL,
            runs            INTEGER NOT NULL,
            completed       INTEGER NOT NULL,
            failed          INTEGER NOT NULL,
            cancelled       INTEGER NOT NULL,
            rolled_back     INTEGER NOT NULL,
            completed_ms    REAL NOT NULL,    -- total wall time of the completed runs (MTTR)
            last_run_at     INTEGER,
            last_success_at INTEGER,
            PRIMARY KEY (playbook_id, day)
        ) WITHOUT ROWID;
        CREATE TABLE memory_step_days (
            playbook_id TEXT NOT NULL,
            step_id     TEXT NOT NULL,
            day         INTEGER NOT NULL,
            executions  INTEGER NOT NULL, -- finished executions whose state holds the step
            runs        INTEGER NOT NULL, -- of those, where it made at least one attempt
            completed   INTEGER NOT NULL,
            failed      INTEGER NOT NULL,
            skipped     INTEGER NOT NULL,
            flaky       INTEGER NOT NULL, -- completed after a failed attempt
            attempts    INTEGER NOT NULL,
            timeouts    INTEGER NOT NULL,
            PRIMARY KEY (playbook_id, step_id, day)
        ) WITHOUT ROWID;
        CREATE TABLE memory_durations (
            playbook_id TEXT NOT NULL,
            step_id     TEXT NOT NULL, -- '' for the execution's wall time
            day         INTEGER NOT NULL,
            bucket      INTEGER NOT NULL, -- log-scaled (DurationHistogram)
            count       INTEGER NOT NULL,
            PRIMARY KEY (playbook_id, step_id, day, bucket)
        ) WITHOUT ROWID;
        -- The same buckets summed over all days, for answers about all of the history (most of them).
        CREATE TABLE memory_duration_totals (
            playbook_id TEXT NOT NULL,
            step_id     TEXT NOT NULL,
            bucket      INTEGER NOT NULL,
            count       INTEGER NOT NULL,
            PRIMARY KEY (playbook_id, step_id, bucket)
        ) WITHOUT ROWID;
        CREATE TABLE memory_step_categories (
            playbook_id TEXT NOT NULL,
            step_id     TEXT NOT NULL,
            day         INTEGER NOT NULL,
            category    TEXT NOT NULL,
            count       INTEGER NOT NULL,
            PRIMARY KEY (playbook_id, step_id, day, category)
        ) WITHOUT ROWID;
        CREATE TABLE memory_incident_days (
            playbook_id   TEXT NOT NULL,
            incident_type TEXT NOT NULL,
            day           INTEGER NOT NULL,
            runs          INTEGER NOT NULL,
            completed     INTEGER NOT NULL,
            cancelled     INTEGER NOT NULL, -- neither success nor failure: the success rate leaves them out
            PRIMARY KEY (playbook_id, incident_type, day)
        ) WITHOUT ROWID;
        CREATE TABLE memory_target_days (
            playbook_id     TEXT NOT NULL,
            target          TEXT NOT NULL,
            day             INTEGER NOT NULL,
            attempts        INTEGER NOT NULL,
            failures        INTEGER NOT NULL,
            refusals        INTEGER NOT NULL, -- attempts refused by the open breaker
            last_refused_at INTEGER,
            PRIMARY KEY (playbook_id, target, day)
        ) WITHOUT ROWID;
        CREATE TABLE memory_target_categories (
            playbook_id TEXT NOT NULL,
            target      TEXT NOT NULL,
            day         INTEGER NOT NULL,
            category    TEXT NOT NULL,
            count       INTEGER NOT NULL,
            PRIMARY KEY (playbook_id, target, day, category)
        ) WITHOUT ROWID;
        CREATE TABLE memory_retries (
            playbook_id    TEXT NOT NULL,
            step_id        TEXT NOT NULL,
            target         TEXT NOT NULL,
            after_category TEXT NOT NULL, -- the category of the failed attempt before
            attempt        INTEGER NOT NULL,
            trials         INTEGER NOT NULL,
            successes      INTEGER NOT NULL,
            PRIMARY KEY (playbook_id, step_id, target, after_category, attempt)
        ) WITHOUT ROWID;
        CREATE TABLE memory_patterns (
            id          INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            playbook_id TEXT NOT NULL,
            step_id     TEXT NOT NULL,
            target      TEXT,
            category    TEXT NOT NULL,    -- '' when the attempt had none; the same message in two categories is two patterns
            pattern     TEXT NOT NULL,
            example     TEXT NOT NULL,
            count       INTEGER NOT NULL,
            first_seen  INTEGER NOT NULL,
            last_seen   INTEGER NOT NULL,
            UNIQUE (fingerprint, playbook_id, step_id, category)
        );
        CREATE INDEX ix_memory_patterns_count ON memory_patterns (count DESC);
        CREATE INDEX ix_memory_patterns_playbook ON memory_patterns (playbook_id, step_id, count DESC);
        CREATE TABLE memory_last_success (
            playbook_id      TEXT NOT NULL PRIMARY KEY,
            playbook_version TEXT NOT NULL,
            execution_id     TEXT NOT NULL,
            inputs_json      TEXT NOT NULL,
            ended_at         INTEGER NOT NULL
        );
        CREATE TABLE memory_notes (
            id           TEXT NOT NULL PRIMARY KEY,
            text         TEXT NOT NULL,
            tags_json    TEXT NOT NULL,
            playbook_id  TEXT,
            execution_id TEXT,
            author       TEXT NOT NULL,
            created_at   INTEGER NOT NULL
        );
        CREATE INDEX ix_memory_notes_playbook ON memory_notes (playbook_id, created_at);
        -- One row per note and per error pattern (kind 'note' or 'pattern'; ref: the note's id or the pattern's id).
        CREATE VIRTUAL TABLE memory_search USING fts5 (body, tags, kind UNINDEXED, ref UNINDEXED, tokenize = 'porter unicode61');
        -- Pruning finds old finished executions by their end.
        CREATE INDEX ix_executions_ended ON executions (ended_at) WHERE ended_at IS NOT NULL;
        """;
}
