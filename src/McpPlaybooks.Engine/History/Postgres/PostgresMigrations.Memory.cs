namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// Script 1, part 3: the learning memory (SQLite's script 3). SQLite's FTS5 table <c>memory_search</c> is a table with a
/// <c>tsvector</c> column <c>search_vector</c> under a GIN index (with the 'simple' configuration here; script 2 makes it read words as FTS5 does); <c>ref</c> is text,
/// holding a note's id or a pattern's id.
/// </summary>
internal static partial class PostgresMigrations
{
    private const string Memory =
        """
        -- Issue #6: the learning memory. Aggregates folded from each finished execution (never a dry run) in the transaction
        -- that records its final status; questions read these tables only, never step_attempts or logs. day is the UTC day
        -- number (unix ms / 86400000) of the execution's end. Enums are snake names; '' stands for "none" in keys.
        CREATE TABLE memory_folds (
            execution_id    text NOT NULL PRIMARY KEY,
            last_attempt_id bigint NOT NULL, -- the step_attempts.id up to which attempts are folded
            outcome_json    text NOT NULL,    -- the execution-level counts it added, taken back when it finishes again
            steps_json      text NOT NULL,    -- the same for its steps: [[step_id, runs, completed, failed, skipped, flaky], ...]
            folded_at       bigint NOT NULL,
            pruned_at       bigint           -- when retention deleted its attempts and logs (null again if it is folded again)
        );
        -- Retention's candidates: folded executions not pruned yet.
        CREATE INDEX ix_memory_folds_unpruned ON memory_folds (execution_id) WHERE pruned_at IS NULL;
        CREATE TABLE memory_playbook_days (
            playbook_id     text NOT NULL,
            day             bigint NOT NULL,
            runs            bigint NOT NULL,
            completed       bigint NOT NULL,
            failed          bigint NOT NULL,
            cancelled       bigint NOT NULL,
            rolled_back     bigint NOT NULL,
            completed_ms    double precision NOT NULL,    -- total wall time of the completed runs (MTTR)
            last_run_at     bigint,
            last_success_at bigint,
            PRIMARY KEY (playbook_id, day)
        );
        CREATE TABLE memory_step_days (
            playbook_id text NOT NULL,
            step_id     text NOT NULL,
            day         bigint NOT NULL,
            executions  bigint NOT NULL, -- finished executions whose state holds the step
            runs        bigint NOT NULL, -- of those, where it made at least one attempt
            completed   bigint NOT NULL,
            failed      bigint NOT NULL,
            skipped     bigint NOT NULL,
            flaky       bigint NOT NULL, -- completed after a failed attempt
            attempts    bigint NOT NULL,
            timeouts    bigint NOT NULL,
            PRIMARY KEY (playbook_id, step_id, day)
        );
        CREATE TABLE memory_durations (
            playbook_id text NOT NULL,
            step_id     text NOT NULL, -- '' for the execution's wall time
            day         bigint NOT NULL,
            bucket      bigint NOT NULL, -- log-scaled (DurationHistogram)
            count       bigint NOT NULL,
            PRIMARY KEY (playbook_id, step_id, day, bucket)
        );
        -- The same buckets summed over all days, for answers about all of the history (most of them).
        CREATE TABLE memory_duration_totals (
            playbook_id text NOT NULL,
            step_id     text NOT NULL,
            bucket      bigint NOT NULL,
            count       bigint NOT NULL,
            PRIMARY KEY (playbook_id, step_id, bucket)
        );
        CREATE TABLE memory_step_categories (
            playbook_id text NOT NULL,
            step_id     text NOT NULL,
            day         bigint NOT NULL,
            category    text NOT NULL,
            count       bigint NOT NULL,
            PRIMARY KEY (playbook_id, step_id, day, category)
        );
        CREATE TABLE memory_incident_days (
            playbook_id   text NOT NULL,
            incident_type text NOT NULL,
            day           bigint NOT NULL,
            runs          bigint NOT NULL,
            completed     bigint NOT NULL,
            cancelled     bigint NOT NULL, -- neither success nor failure: the success rate leaves them out
            PRIMARY KEY (playbook_id, incident_type, day)
        );
        CREATE TABLE memory_target_days (
            playbook_id     text NOT NULL,
            target          text NOT NULL,
            day             bigint NOT NULL,
            attempts        bigint NOT NULL,
            failures        bigint NOT NULL,
            refusals        bigint NOT NULL, -- attempts refused by the open breaker
            last_refused_at bigint,
            PRIMARY KEY (playbook_id, target, day)
        );
        CREATE TABLE memory_target_categories (
            playbook_id text NOT NULL,
            target      text NOT NULL,
            day         bigint NOT NULL,
            category    text NOT NULL,
            count       bigint NOT NULL,
            PRIMARY KEY (playbook_id, target, day, category)
        );
        CREATE TABLE memory_retries (
            playbook_id    text NOT NULL,
            step_id        text NOT NULL,
            target         text NOT NULL,
            after_category text NOT NULL, -- the category of the failed attempt before
            attempt        bigint NOT NULL,
            trials         bigint NOT NULL,
            successes      bigint NOT NULL,
            PRIMARY KEY (playbook_id, step_id, target, after_category, attempt)
        );
        CREATE TABLE memory_patterns (
            id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            fingerprint text NOT NULL,
            playbook_id text NOT NULL,
            step_id     text NOT NULL,
            target      text,
            category    text NOT NULL,    -- '' when the attempt had none; the same message in two categories is two patterns
            pattern     text NOT NULL,
            example     text NOT NULL,
            count       bigint NOT NULL,
            first_seen  bigint NOT NULL,
            last_seen   bigint NOT NULL,
            UNIQUE (fingerprint, playbook_id, step_id, category)
        );
        CREATE INDEX ix_memory_patterns_count ON memory_patterns (count DESC);
        CREATE INDEX ix_memory_patterns_playbook ON memory_patterns (playbook_id, step_id, count DESC);
        CREATE TABLE memory_last_success (
            playbook_id      text NOT NULL PRIMARY KEY,
            playbook_version text NOT NULL,
            execution_id     text NOT NULL,
            inputs_json      text NOT NULL,
            ended_at         bigint NOT NULL
        );
        CREATE TABLE memory_notes (
            id           text NOT NULL PRIMARY KEY,
            text         text NOT NULL,
            tags_json    text NOT NULL,
            playbook_id  text,
            execution_id text,
            author       text NOT NULL,
            created_at   bigint NOT NULL
        );
        CREATE INDEX ix_memory_notes_playbook ON memory_notes (playbook_id, created_at);
        -- One row per note and per error pattern (kind 'note' or 'pattern'; ref: the note's id or the pattern's id).
        CREATE TABLE memory_search (
            id       bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            body     text,
            tags     text,
            kind     text,
            ref      text,
            search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(body, '') || ' ' || coalesce(tags, ''))) STORED
        );
        CREATE INDEX ix_memory_search_vector ON memory_search USING gin (search_vector);
        """;
}
