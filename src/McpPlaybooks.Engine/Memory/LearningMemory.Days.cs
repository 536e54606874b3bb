namespace McpPlaybooks.Engine.Memory;

/// <summary>The learning memory by day: the playbooks' day rows and their execution-time histograms, for charts over time.</summary>
public sealed partial class LearningMemory
{
    /// <summary>
    /// Per playbook and UTC day since <paramref name="since"/>'s day (days without a finished execution are left out),
    /// ordered by playbook then day; one playbook when <paramref name="playbookId"/> is given. Two queries over day rows.
    /// </summary>
    public async Task<IReadOnlyList<PlaybookDay>> GetDaysAsync(string? playbookId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        (string, object?)[] args = [("since", MemorySql.FirstDay(since)), ("p", playbookId)];
        var filter = MemorySql.Where(("playbook_id = @p", playbookId is not null), ("day >= @since", true));
        await using var connection = await history.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var durations = (await MemorySql.QueryAsync(
            connection,
            $"SELECT playbook_id, day, bucket, count FROM memory_durations WHERE step_id = '' AND {filter}",
            r => (Playbook: r.GetString(0), Day: r.Whole(1), Bucket: (int)r.Whole(2), Count: r.Whole(3)),
            cancellationToken,
            args).ConfigureAwait(false)).ToLookup(d => (d.Playbook, d.Day), d => (d.Bucket, d.Count));
        var days = await MemorySql.QueryAsync(
            connection,
            $"SELECT playbook_id, day, runs, completed, failed, cancelled, rolled_back FROM memory_playbook_days WHERE {filter} AND runs > 0 ORDER BY playbook_id, day",
            r => (Playbook: r.GetString(0), Day: r.Whole(1), Runs: r.Whole(2), Completed: r.Whole(3), Failed: r.Whole(4), Cancelled: r.Whole(5), RolledBack: r.Whole(6)),
            cancellationToken,
            args).ConfigureAwait(false);
        // Ordered by the database too (it walks the key), but by code point here: PostgreSQL's collation may be a language's.
        return [.. days.OrderBy(d => d.Playbook, StringComparer.Ordinal).ThenBy(d => d.Day).Select(d => new PlaybookDay(
            d.Playbook,
            DateTimeOffset.FromUnixTimeMilliseconds(d.Day * MemorySql.DayMs),
            (int)d.Runs,
            (int)d.Completed,
            (int)d.Failed,
            (int)d.Cancelled,
            (int)d.RolledBack,
            MemorySql.Rate(d.Completed, d.Completed + d.Failed + d.RolledBack),
            DurationHistogram.Percentile(durations[(d.Playbook, d.Day)], 0.5),
            DurationHistogram.Percentile(durations[(d.Playbook, d.Day)], 0.95)))];
    }
}
