using McpPlaybooks.Engine.History.Dialect;

namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>
/// The SQL of the fold (see <see cref="MemoryFolder"/>); counts are added, so a negative count takes one back. Built once per
/// dialect (<see cref="For"/>): the JSON of the steps' outcomes, the upserts' references to the existing row, the larger and
/// smaller of two values and the pattern's index entry differ between stores.
/// </summary>
internal sealed class FoldSql
{
    public const string SelectFold = "SELECT last_attempt_id, outcome_json, steps_json FROM memory_folds WHERE execution_id = @e";

    public const string SelectAttempts = """
        SELECT id, step_id, iteration, attempt, target, status, error_category, error_message, started_at, duration_ms, timeout_ms,
            refused_by_breaker
        FROM step_attempts WHERE execution_id = @e AND kind = 'step'
        """;

    public const string SaveFold = """
        INSERT INTO memory_folds (execution_id, last_attempt_id, outcome_json, steps_json, folded_at) VALUES (@e, @id, @json, @steps, @at)
        ON CONFLICT (execution_id) DO UPDATE SET
            last_attempt_id = excluded.last_attempt_id, outcome_json = excluded.outcome_json, steps_json = excluded.steps_json,
            folded_at = excluded.folded_at, pruned_at = NULL
        """;

    public const string InsertPattern = """
        INSERT INTO memory_patterns (fingerprint, playbook_id, step_id, target, category, pattern, example, count, first_seen, last_seen)
        VALUES (@f, @p, @s, @t, @c, @pattern, @example, @n, @first, @last)
        ON CONFLICT (fingerprint, playbook_id, step_id, category) DO NOTHING
        """;

    public const string LastSuccess = """
        INSERT INTO memory_last_success (playbook_id, playbook_version, execution_id, inputs_json, ended_at) VALUES (@p, @v, @e, @inputs, @at)
        ON CONFLICT (playbook_id) DO UPDATE SET
            playbook_version = excluded.playbook_version, execution_id = excluded.execution_id, inputs_json = excluded.inputs_json,
            ended_at = excluded.ended_at
        WHERE excluded.ended_at >= memory_last_success.ended_at
        """;

    private static readonly DialectCache<FoldSql> Built = new(dialect => new FoldSql(dialect));

    private FoldSql(SqlDialect d)
    {
        var refused = BreakerRefusedSql.OnlyRefused("s");
        var steps = d.JsonArray(
            "s.step_id, " + d.AsInteger(Ran) + ", " + d.AsInteger("s.attempts > 0 AND s.status IN ('completed', 'rolled_back')") + ",\n"
            + "    " + d.AsInteger("s.attempts > 0 AND s.status = 'failed' AND NOT " + refused) + ", " + d.AsInteger(SkippedByWhen(d)) + ",\n"
            + "    " + d.AsInteger(
                "s.attempts > 0 AND s.status IN ('completed', 'rolled_back') AND EXISTS (\n"
                + "        SELECT 1 FROM step_attempts a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.kind = 'step' AND a.status = 'failed')") + ",\n"
            + "    " + d.AsInteger("s.status = 'failed' AND " + refused) + ", " + d.AsInteger(GateExpired()));
        SelectSteps = "SELECT " + d.JsonArrayAggregate(steps) + "\nFROM step_states s WHERE s.execution_id = @e";

        StepTimeout = $"""
            INSERT INTO memory_step_timeouts (playbook_id, step_id, day, limit_ms, count) VALUES (@p, @s, @d, @limit, @n)
            ON CONFLICT (playbook_id, step_id, day, limit_ms) DO UPDATE SET count = {d.UpsertTarget("memory_step_timeouts")}count + excluded.count
            """;

        var t = d.UpsertTarget("memory_step_days");
        // A fold written before the refused count (schema 14) kept five counts, and before gate_timeouts (schema 15) six: the
        // missing ones read 0 when it is taken back.
        ApplySteps = $"""
            INSERT INTO memory_step_days (playbook_id, step_id, day, executions, runs, completed, failed, skipped, flaky, refused, gate_timeouts, attempts, timeouts)
            SELECT @p, {d.JsonTextAt(0)}, @d, @sign, @sign * {d.JsonIntegerAt(1)}, @sign * {d.JsonIntegerAt(2)},
                @sign * {d.JsonIntegerAt(3)}, @sign * {d.JsonIntegerAt(4)}, @sign * {d.JsonIntegerAt(5)}, @sign * coalesce({d.JsonIntegerAt(6)}, 0),
                @sign * coalesce({d.JsonIntegerAt(7)}, 0), 0, 0
            FROM {d.JsonArrayElements("@json")} WHERE true
            ON CONFLICT (playbook_id, step_id, day) DO UPDATE SET
                executions = {t}executions + excluded.executions, runs = {t}runs + excluded.runs, completed = {t}completed + excluded.completed,
                failed = {t}failed + excluded.failed, skipped = {t}skipped + excluded.skipped, flaky = {t}flaky + excluded.flaky,
                refused = {t}refused + excluded.refused, gate_timeouts = {t}gate_timeouts + excluded.gate_timeouts
            """;
        StepDay = $"""
            INSERT INTO memory_step_days (playbook_id, step_id, day, executions, runs, completed, failed, skipped, flaky, attempts, timeouts)
            VALUES (@p, @s, @d, 0, 0, 0, 0, 0, 0, @attempts, @timeouts)
            ON CONFLICT (playbook_id, step_id, day) DO UPDATE SET
                attempts = {t}attempts + excluded.attempts, timeouts = {t}timeouts + excluded.timeouts
            """;

        var (max, min) = (d.Greatest, d.Least);
        t = d.UpsertTarget("memory_playbook_days");
        PlaybookDay = $"""
            INSERT INTO memory_playbook_days (playbook_id, day, runs, completed, failed, cancelled, rolled_back, rejected, refused, completed_ms, last_run_at, last_success_at)
            VALUES (@p, @d, @runs, @completed, @failed, @cancelled, @rolled_back, @rejected, @refused, @ms, @last_run, @last_success)
            ON CONFLICT (playbook_id, day) DO UPDATE SET
                runs = {t}runs + excluded.runs, completed = {t}completed + excluded.completed, failed = {t}failed + excluded.failed,
                cancelled = {t}cancelled + excluded.cancelled, rolled_back = {t}rolled_back + excluded.rolled_back,
                rejected = {t}rejected + excluded.rejected, refused = {t}refused + excluded.refused,
                completed_ms = {t}completed_ms + excluded.completed_ms,
                last_run_at = coalesce({max}({t}last_run_at, excluded.last_run_at), {t}last_run_at, excluded.last_run_at),
                last_success_at = coalesce({max}({t}last_success_at, excluded.last_success_at), {t}last_success_at, excluded.last_success_at)
            """;
        Duration = $"""
            INSERT INTO memory_durations (playbook_id, step_id, day, bucket, count) VALUES (@p, @s, @d, @b, @n)
            ON CONFLICT (playbook_id, step_id, day, bucket) DO UPDATE SET count = {d.UpsertTarget("memory_durations")}count + excluded.count
            """;
        DurationTotal = $"""
            INSERT INTO memory_duration_totals (playbook_id, step_id, bucket, count) VALUES (@p, @s, @b, @n)
            ON CONFLICT (playbook_id, step_id, bucket) DO UPDATE SET count = {d.UpsertTarget("memory_duration_totals")}count + excluded.count
            """;
        StepCategory = $"""
            INSERT INTO memory_step_categories (playbook_id, step_id, day, category, count) VALUES (@p, @s, @d, @c, @n)
            ON CONFLICT (playbook_id, step_id, day, category) DO UPDATE SET count = {d.UpsertTarget("memory_step_categories")}count + excluded.count
            """;
        t = d.UpsertTarget("memory_incident_days");
        IncidentDay = $"""
            INSERT INTO memory_incident_days (playbook_id, incident_type, day, runs, completed, cancelled, rejected, refused)
            VALUES (@p, @i, @d, @runs, @completed, @cancelled, @rejected, @refused)
            ON CONFLICT (playbook_id, incident_type, day) DO UPDATE SET
                runs = {t}runs + excluded.runs, completed = {t}completed + excluded.completed, cancelled = {t}cancelled + excluded.cancelled,
                rejected = {t}rejected + excluded.rejected, refused = {t}refused + excluded.refused
            """;
        t = d.UpsertTarget("memory_target_days");
        TargetDay = $"""
            INSERT INTO memory_target_days (playbook_id, target, day, attempts, failures, refusals, last_refused_at)
            VALUES (@p, @t, @d, @attempts, @failures, @refusals, @last)
            ON CONFLICT (playbook_id, target, day) DO UPDATE SET
                attempts = {t}attempts + excluded.attempts, failures = {t}failures + excluded.failures, refusals = {t}refusals + excluded.refusals,
                last_refused_at = coalesce({max}({t}last_refused_at, excluded.last_refused_at), {t}last_refused_at, excluded.last_refused_at)
            """;
        TargetCategory = $"""
            INSERT INTO memory_target_categories (playbook_id, target, day, category, count) VALUES (@p, @t, @d, @c, @n)
            ON CONFLICT (playbook_id, target, day, category) DO UPDATE SET count = {d.UpsertTarget("memory_target_categories")}count + excluded.count
            """;
        t = d.UpsertTarget("memory_retries");
        Retry = $"""
            INSERT INTO memory_retries (playbook_id, step_id, target, after_category, attempt, trials, successes)
            VALUES (@p, @s, @t, @c, @k, @trials, @successes)
            ON CONFLICT (playbook_id, step_id, target, after_category, attempt) DO UPDATE SET
                trials = {t}trials + excluded.trials, successes = {t}successes + excluded.successes
            """;
        UpdatePattern = $"""
            UPDATE memory_patterns SET count = count + @n, target = coalesce(@t, target),
                example = CASE WHEN @last >= last_seen THEN @example ELSE example END,
                first_seen = {min}(first_seen, @first), last_seen = {max}(last_seen, @last)
            WHERE fingerprint = @f AND playbook_id = @p AND step_id = @s AND category = @c
            """;
        IndexPattern = $"INSERT INTO memory_search (body, tags, kind, ref) VALUES (@body, '', 'pattern', {d.LastInsertIdExpression("memory_patterns")})";
    }

    /// <summary>
    /// Each step's outcome in the execution's final state, as a JSON array of [id, runs, completed, failed, skipped, flaky,
    /// refused, gate timed out]. Completed and failed count only a step that made an attempt (an empty foreach completes
    /// with none), so a step's completed + failed never exceed its runs; a failed step whose failed attempts were all refused
    /// by an open circuit breaker is refused, not failed (no call was made, as the run's verdict says); skipped counts only a
    /// step skipped by its <c>when</c>, not one blocked because a step it needs failed, nor one a person skipped, nor one
    /// its gate's <c>on_timeout: skip</c> skipped: that one, like every step whose approval gate timed out with no decision
    /// (whatever its <c>on_timeout</c> did), is a gate timeout.
    /// </summary>
    public string SelectSteps { get; }

    /// <summary>
    /// A run of the step: it made an attempt, and either ended with an outcome of its own (completed, failed, rolled back) or
    /// one of its attempts did. A step whose only attempts were cancelled or interrupted (its run was cancelled while it ran)
    /// says nothing about the step, as those attempts are no attempts of it (<see cref="FoldedAttempt.Ended"/>): so a step
    /// never has runs without attempts because its executions were cancelled.
    /// </summary>
    private const string Ran = """
        s.attempts > 0 AND (s.status IN ('completed', 'rolled_back', 'failed') OR EXISTS (
                SELECT 1 FROM step_attempts a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.kind = 'step'
                    AND a.status IN ('completed', 'failed')))
        """;

    /// <summary>
    /// Skipped by its <c>when</c>: not blocked by a step it needs, and not skipped by a person (<c>skip_step</c>, audited on
    /// the step in the commit that skipped it).
    /// </summary>
    private static string SkippedByWhen(SqlDialect d) =>
        "s.status = 'skipped' AND s.blocked = " + d.Flag(false)
        + " AND NOT EXISTS (SELECT 1 FROM audit u WHERE u.subject_id = s.execution_id || '/' || s.step_id AND u.action = 'skip_step')"
        + " AND NOT " + GateExpired("a.on_timeout = 'skip'");

    /// <summary>The step's approval gate timed out with no decision (its <c>on_timeout</c> applied), and <paramref name="also"/> when given.</summary>
    private static string GateExpired(string? also = null) =>
        "EXISTS (SELECT 1 FROM approvals a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.status = 'expired'"
        + (also is null ? "" : " AND " + also) + ")";

    /// <summary>Adds (@sign 1) or takes back (-1) the step outcomes of <see cref="SelectSteps"/>, in one statement.</summary>
    public string ApplySteps { get; }

    public string PlaybookDay { get; }

    public string StepDay { get; }

    /// <summary>Counts attempts stopped by their own timeout, by that limit in milliseconds.</summary>
    public string StepTimeout { get; }

    public string Duration { get; }

    public string DurationTotal { get; }

    public string StepCategory { get; }

    public string IncidentDay { get; }

    public string TargetDay { get; }

    public string TargetCategory { get; }

    public string Retry { get; }

    public string UpdatePattern { get; }

    /// <summary>The index entry of the pattern the statement before it inserted (its id read in SQL, on the same connection).</summary>
    public string IndexPattern { get; }

    public static FoldSql For(SqlDialect dialect) => Built.For(dialect);
}
