namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>The SQL of the fold (see <see cref="MemoryFolder"/>); counts are added, so a negative count takes one back.</summary>
internal static class FoldSql
{
    public const string SelectFold = "SELECT last_attempt_id, outcome_json, steps_json FROM memory_folds WHERE execution_id = @e";

    /// <summary>
    /// Each step's outcome in the execution's final state, as a JSON array of [id, runs, completed, failed, skipped, flaky].
    /// Completed and failed count only a step that made an attempt (an empty foreach completes with none), so a step's
    /// completed + failed never exceed its runs; skipped counts only a step skipped by its <c>when</c>, not one blocked
    /// because a step it needs failed.
    /// </summary>
    public const string SelectSteps = """
        SELECT json_group_array(json_array(s.step_id, s.attempts > 0, s.attempts > 0 AND s.status IN ('completed', 'rolled_back'),
            s.attempts > 0 AND s.status = 'failed', s.status = 'skipped' AND s.blocked = 0,
            s.attempts > 0 AND s.status IN ('completed', 'rolled_back') AND EXISTS (
                SELECT 1 FROM step_attempts a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.kind = 'step' AND a.status = 'failed')))
        FROM step_states s WHERE s.execution_id = @e
        """;

    /// <summary>Adds (@sign 1) or takes back (-1) the step outcomes of <see cref="SelectSteps"/>, in one statement.</summary>
    public const string ApplySteps = """
        INSERT INTO memory_step_days (playbook_id, step_id, day, executions, runs, completed, failed, skipped, flaky, attempts, timeouts)
        SELECT @p, json_extract(value, '$[0]'), @d, @sign, @sign * json_extract(value, '$[1]'), @sign * json_extract(value, '$[2]'),
            @sign * json_extract(value, '$[3]'), @sign * json_extract(value, '$[4]'), @sign * json_extract(value, '$[5]'), 0, 0
        FROM json_each(@json) WHERE true
        ON CONFLICT (playbook_id, step_id, day) DO UPDATE SET
            executions = executions + excluded.executions, runs = runs + excluded.runs, completed = completed + excluded.completed,
            failed = failed + excluded.failed, skipped = skipped + excluded.skipped, flaky = flaky + excluded.flaky
        """;

    public const string SelectAttempts = """
        SELECT id, step_id, iteration, attempt, target, status, error_category, error_message, started_at, duration_ms
        FROM step_attempts WHERE execution_id = @e AND kind = 'step'
        """;

    public const string SaveFold = """
        INSERT INTO memory_folds (execution_id, last_attempt_id, outcome_json, steps_json, folded_at) VALUES (@e, @id, @json, @steps, @at)
        ON CONFLICT (execution_id) DO UPDATE SET
            last_attempt_id = excluded.last_attempt_id, outcome_json = excluded.outcome_json, steps_json = excluded.steps_json,
            folded_at = excluded.folded_at, pruned_at = NULL
        """;

    public const string PlaybookDay = """
        INSERT INTO memory_playbook_days (playbook_id, day, runs, completed, failed, cancelled, rolled_back, completed_ms, last_run_at, last_success_at)
        VALUES (@p, @d, @runs, @completed, @failed, @cancelled, @rolled_back, @ms, @last_run, @last_success)
        ON CONFLICT (playbook_id, day) DO UPDATE SET
            runs = runs + excluded.runs, completed = completed + excluded.completed, failed = failed + excluded.failed,
            cancelled = cancelled + excluded.cancelled, rolled_back = rolled_back + excluded.rolled_back,
            completed_ms = completed_ms + excluded.completed_ms,
            last_run_at = coalesce(max(last_run_at, excluded.last_run_at), last_run_at, excluded.last_run_at),
            last_success_at = coalesce(max(last_success_at, excluded.last_success_at), last_success_at, excluded.last_success_at)
        """;

    public const string StepDay = """
        INSERT INTO memory_step_days (playbook_id, step_id, day, executions, runs, completed, failed, skipped, flaky, attempts, timeouts)
        VALUES (@p, @s, @d, @executions, @runs, @completed, @failed, @skipped, @flaky, @attempts, @timeouts)
        ON CONFLICT (playbook_id, step_id, day) DO UPDATE SET
            executions = executions + excluded.executions, runs = runs + excluded.runs, completed = completed + excluded.completed,
            failed = failed + excluded.failed, skipped = skipped + excluded.skipped, flaky = flaky + excluded.flaky,
            attempts = attempts + excluded.attempts, timeouts = timeouts + excluded.timeouts
        """;

    public const string Duration = """
        INSERT INTO memory_durations (playbook_id, step_id, day, bucket, count) VALUES (@p, @s, @d, @b, @n)
        ON CONFLICT (playbook_id, step_id, day, bucket) DO UPDATE SET count = count + excluded.count
        """;

    public const string DurationTotal = """
        INSERT INTO memory_duration_totals (playbook_id, step_id, bucket, count) VALUES (@p, @s, @b, @n)
        ON CONFLICT (playbook_id, step_id, bucket) DO UPDATE SET count = count + excluded.count
        """;

    public const string StepCategory = """
        INSERT INTO memory_step_categories (playbook_id, step_id, day, category, count) VALUES (@p, @s, @d, @c, @n)
        ON CONFLICT (playbook_id, step_id, day, category) DO UPDATE SET count = count + excluded.count
        """;

    public const string IncidentDay = """
        INSERT INTO memory_incident_days (playbook_id, incident_type, day, runs, completed, cancelled) VALUES (@p, @i, @d, @runs, @completed, @cancelled)
        ON CONFLICT (playbook_id, incident_type, day) DO UPDATE SET
            runs = runs + excluded.runs, completed = completed + excluded.completed, cancelled = cancelled + excluded.cancelled
        """;

    public const string TargetDay = """
        INSERT INTO memory_target_days (playbook_id, target, day, attempts, failures, refusals, last_refused_at)
        VALUES (@p, @t, @d, @attempts, @failures, @refusals, @last)
        ON CONFLICT (playbook_id, target, day) DO UPDATE SET
            attempts = attempts + excluded.attempts, failures = failures + excluded.failures, refusals = refusals + excluded.refusals,
            last_refused_at = coalesce(max(last_refused_at, excluded.last_refused_at), last_refused_at, excluded.last_refused_at)
        """;

    public const string TargetCategory = """
        INSERT INTO memory_target_categories (playbook_id, target, day, category, count) VALUES (@p, @t, @d, @c, @n)
        ON CONFLICT (playbook_id, target, day, category) DO UPDATE SET count = count + excluded.count
        """;

    public const string Retry = """
        INSERT INTO memory_retries (playbook_id, step_id, target, after_category, attempt, trials, successes)
        VALUES (@p, @s, @t, @c, @k, @trials, @successes)
        ON CONFLICT (playbook_id, step_id, target, after_category, attempt) DO UPDATE SET
            trials = trials + excluded.trials, successes = successes + excluded.successes
        """;

    public const string InsertPattern = """
        INSERT INTO memory_patterns (fingerprint, playbook_id, step_id, target, category, pattern, example, count, first_seen, last_seen)
        VALUES (@f, @p, @s, @t, @c, @pattern, @example, @n, @first, @last)
        ON CONFLICT (fingerprint, playbook_id, step_id, category) DO NOTHING
        """;

    public const string UpdatePattern = """
        UPDATE memory_patterns SET count = count + @n, target = coalesce(@t, target),
            example = CASE WHEN @last >= last_seen THEN @example ELSE example END,
            first_seen = min(first_seen, @first), last_seen = max(last_seen, @last)
        WHERE fingerprint = @f AND playbook_id = @p AND step_id = @s AND category = @c
        """;

    public const string IndexPattern = "INSERT INTO memory_search (body, tags, kind, ref) VALUES (@body, '', 'pattern', last_insert_rowid())";

    public const string LastSuccess = """
        INSERT INTO memory_last_success (playbook_id, playbook_version, execution_id, inputs_json, ended_at) VALUES (@p, @v, @e, @inputs, @at)
        ON CONFLICT (playbook_id) DO UPDATE SET
            playbook_version = excluded.playbook_version, execution_id = excluded.execution_id, inputs_json = excluded.inputs_json,
            ended_at = excluded.ended_at
        WHERE excluded.ended_at >= memory_last_success.ended_at
        """;
}
