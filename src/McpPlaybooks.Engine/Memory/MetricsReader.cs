using McpPlaybooks.Engine.Definitions;
using System.Data.Common;

namespace McpPlaybooks.Engine.Memory;

/// <summary>Builds a <see cref="MetricsReport"/> from the aggregate tables (a handful of GROUP BY queries over day rows).</summary>
internal static class MetricsReader
{
    /// <param name="stepCategories">Whether to read the steps' error categories (the recommendations do not need them).</param>
    public static async Task<MetricsReport> ReadAsync(DbConnection connection, MetricsQuery query, CancellationToken cancellationToken, bool stepCategories = true)
    {
        (string, object?)[] args = [("since", MemorySql.FirstDay(query.Since)), ("p", query.PlaybookId)];
        var filter = MemorySql.Where(("playbook_id = @p", query.PlaybookId is not null), ("day >= @since", query.Since is not null));
        var playbooks = await MemorySql.QueryAsync(
            connection,
            $"""
            SELECT playbook_id, SUM(runs), SUM(completed), SUM(failed), SUM(cancelled), SUM(rolled_back), SUM(completed_ms),
                MAX(last_run_at), MAX(last_success_at), SUM(rejected), SUM(refused)
            FROM memory_playbook_days WHERE {filter} GROUP BY playbook_id HAVING SUM(runs) > 0
            """,
            r => (Id: r.GetString(0), Runs: r.Whole(1), Completed: r.Whole(2), Failed: r.Whole(3), Cancelled: r.Whole(4),
                RolledBack: r.Whole(5), CompletedMs: r.GetDouble(6), LastRun: r.NullableTime(7), LastSuccess: r.NullableTime(8), Rejected: r.Whole(9), Refused: r.Whole(10)),
            cancellationToken,
            args).ConfigureAwait(false);
        var steps = await MemorySql.QueryAsync(
            connection,
            $"""
            SELECT playbook_id, step_id, SUM(runs), SUM(completed), SUM(failed), SUM(skipped), SUM(attempts), SUM(timeouts), SUM(refused), SUM(gate_timeouts)
            FROM memory_step_days WHERE {filter} GROUP BY playbook_id, step_id HAVING SUM(executions) > 0 OR SUM(attempts) > 0
            """,
            r => (Playbook: r.GetString(0), Step: r.GetString(1), Runs: r.Whole(2), Completed: r.Whole(3), Failed: r.Whole(4),
                Skipped: r.Whole(5), Attempts: r.Whole(6), Timeouts: r.Whole(7), Refused: r.Whole(8), GateTimeouts: r.Whole(9)),
            cancellationToken,
            args).ConfigureAwait(false);
        var durations = (await MemorySql.QueryAsync(
            connection,
            query.Since is null
                ? $"SELECT playbook_id, step_id, bucket, count FROM memory_duration_totals WHERE {MemorySql.Where(("playbook_id = @p", query.PlaybookId is not null))}"
                : $"SELECT playbook_id, step_id, bucket, SUM(count) FROM memory_durations WHERE {filter} GROUP BY playbook_id, step_id, bucket",
            r => (Playbook: r.GetString(0), Step: r.GetString(1), Bucket: (int)r.Whole(2), Count: r.Whole(3)),
            cancellationToken,
            args).ConfigureAwait(false)).ToLookup(d => (d.Playbook, d.Step), d => (d.Bucket, d.Count));
        var categoryRows = stepCategories
            ? await MemorySql.QueryAsync(
                connection,
                $"SELECT playbook_id, step_id, category, SUM(count) FROM memory_step_categories WHERE {filter} GROUP BY playbook_id, step_id, category",
                r => (Playbook: r.GetString(0), Step: r.GetString(1), Category: r.GetString(2), Count: r.Whole(3)),
                cancellationToken,
                args).ConfigureAwait(false)
            : [];
        var categories = categoryRows.ToLookup(c => (c.Playbook, c.Step), c => (c.Category, c.Count));
        var stopped = (await MemorySql.QueryAsync(
            connection,
            $"SELECT playbook_id, step_id, limit_ms, SUM(count) FROM memory_step_timeouts WHERE {filter} GROUP BY playbook_id, step_id, limit_ms",
            r => (Playbook: r.GetString(0), Step: r.GetString(1), LimitMs: r.Whole(2), Count: r.Whole(3)),
            cancellationToken,
            args).ConfigureAwait(false)).ToLookup(t => (t.Playbook, t.Step), t => new TimeoutCount(TimeSpan.FromMilliseconds(t.LimitMs), (int)t.Count));
        var incidents = await IncidentTypeReader.ReadAsync(connection, filter, args, cancellationToken).ConfigureAwait(false);
        var targets = await ReadTargetsAsync(connection, filter, args, cancellationToken).ConfigureAwait(false);

        var stepsByPlaybook = steps.ToLookup(s => s.Playbook);
        var result = playbooks
            .OrderByDescending(p => p.Runs).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new PlaybookMetrics(
                p.Id,
                (int)p.Runs,
                (int)p.Completed,
                (int)p.Failed,
                (int)p.Cancelled,
                (int)p.RolledBack,
                MemorySql.Rate(p.Completed, p.Completed + p.Failed + p.RolledBack),
                DurationHistogram.Percentile(durations[(p.Id, "")], 0.5),
                DurationHistogram.Percentile(durations[(p.Id, "")], 0.95),
                p.Completed > 0 ? TimeSpan.FromMilliseconds(p.CompletedMs / p.Completed) : null,
                p.LastRun,
                p.LastSuccess,
                [.. stepsByPlaybook[p.Id].OrderBy(s => s.Step, StringComparer.Ordinal).Select(s => new StepMetrics(
                    s.Step,
                    (int)s.Runs,
                    (int)s.Completed,
                    (int)s.Failed,
                    (int)s.Skipped,
                    (int)s.Attempts,
                    MemorySql.Rate(s.Completed, s.Completed + s.Failed),
                    DurationHistogram.Percentile(durations[(p.Id, s.Step)], 0.5),
                    DurationHistogram.Percentile(durations[(p.Id, s.Step)], 0.95),
                    (int)s.Timeouts,
                    Categories(categories[(p.Id, s.Step)]))
                {
                    StoppedByTimeout = [.. stopped[(p.Id, s.Step)].Where(t => t.Count > 0).OrderBy(t => t.Limit)],
                    BreakerRefused = (int)s.Refused,
                    GateTimeouts = (int)s.GateTimeouts,
                })],
                [.. incidents[p.Id]])
            {
                Rejected = (int)p.Rejected,
                BreakerRefused = (int)p.Refused,
            })
            .ToList();
        return new MetricsReport(query.Since is { } since ? DateTimeOffset.FromUnixTimeMilliseconds(MemorySql.FirstDay(since) * MemorySql.DayMs) : null, result, targets);
    }

    /// <summary>Per target over the filter's days; <paramref name="args"/> holds <c>since</c> and <c>p</c>.</summary>
    private static async Task<List<TargetMetrics>> ReadTargetsAsync(DbConnection connection, string filter, (string, object?)[] args, CancellationToken cancellationToken)
    {
        var categories = (await MemorySql.QueryAsync(
            connection,
            $"SELECT target, category, SUM(count) FROM memory_target_categories WHERE {filter} GROUP BY target, category",
            r => (Target: r.GetString(0), Category: r.GetString(1), Count: r.Whole(2)),
            cancellationToken,
            args).ConfigureAwait(false)).ToLookup(c => c.Target, c => (c.Category, c.Count));
        var rows = await MemorySql.QueryAsync(
            connection,
            $"""
            SELECT target, SUM(attempts), SUM(failures), SUM(refusals), MAX(last_refused_at)
            FROM memory_target_days WHERE {filter} GROUP BY target HAVING SUM(attempts) > 0
            """,
            r => new TargetMetrics(r.GetString(0), (int)r.Whole(1), (int)r.Whole(2), [], (int)r.Whole(3), r.NullableTime(4)),
            cancellationToken,
            args).ConfigureAwait(false);
        return [.. rows
            .Select(t => t with { ErrorCategories = Categories(categories[t.Target]) })
            .OrderByDescending(t => t.Attempts).ThenBy(t => t.Target, StringComparer.Ordinal)];
    }

    private static List<CategoryCount> Categories(IEnumerable<(string Category, long Count)> rows) =>
        [.. rows
            .Where(c => c.Count > 0)
            .Select(c => new CategoryCount(EnumNames.TryParse<ErrorCategory>(c.Category, out var category) ? category : ErrorCategory.Unknown, (int)c.Count))
            .GroupBy(c => c.Category)
            .Select(g => new CategoryCount(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category)];
}
