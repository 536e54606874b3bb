using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Memory.Recommendations;
using McpPlaybooks.Engine.Secrets;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// The learning memory (design §4): aggregates folded from every finished execution's step attempts (in the same
/// transaction as the execution's final write), notes stored by callers, and a full-text index over notes and error
/// patterns. Answers read the aggregates only, never the attempts or logs, so they stay fast however long the history.
/// Reached as <c>PlaybookEngine.Memory</c>.
/// </summary>
public sealed partial class LearningMemory
{
    private readonly HistoryStore history;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SecretMasker masker;

    /// <param name="masker">The engine's masker (its configured secrets): notes are masked with it before they are stored.</param>
    internal LearningMemory(HistoryStore history, TimeProvider time, bool enabled, SecretMasker masker, ILogger logger)
    {
        this.history = history;
        this.time = time;
        this.masker = masker;
        this.logger = logger;
        IsEnabled = enabled;
        history.FoldsMemory = enabled;
    }

    /// <summary>Whether executions are folded into the aggregates as they finish (<c>EngineOptions.LearningMemory</c>).</summary>
    public bool IsEnabled { get; }

    /// <summary>The engine's attempt timeout (<c>EngineOptions.DefaultAttemptTimeout</c>), which the timeout rule compares steps with when their playbook sets none.</summary>
    internal TimeSpan DefaultAttemptTimeout { get; init; } = EngineOptions.StandardAttemptTimeout;

    /// <summary>Success rates, durations, MTTR and error categories per playbook, step, incident type and target.</summary>
    public async Task<MetricsReport> GetMetricsAsync(MetricsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await history.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await MetricsReader.ReadAsync(connection, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Error patterns, retry effectiveness, flaky steps, opened breakers, last good inputs and recommendations.</summary>
    public Task<InsightsReport> GetInsightsAsync(InsightsQuery query, CancellationToken cancellationToken) =>
        GetInsightsAsync(query, definitionOf: null, cancellationToken);

    /// <summary>
    /// As <see cref="GetInsightsAsync(InsightsQuery, CancellationToken)"/>; <paramref name="definitionOf"/> gives a playbook's
    /// current definition by id (or null), which the recommendations that compare history with the definition need
    /// (timeouts, <c>retry_on</c>); without it those are left out.
    /// </summary>
    public async Task<InsightsReport> GetInsightsAsync(InsightsQuery query, Func<string, PlaybookDefinition?>? definitionOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        await using var connection = await history.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var patterns = await InsightsReader.PatternsAsync(connection, query, cancellationToken).ConfigureAwait(false);
        var retries = await InsightsReader.RetriesAsync(connection, query, cancellationToken).ConfigureAwait(false);
        var flaky = await InsightsReader.FlakyAsync(connection, history.Dialect, query, cancellationToken).ConfigureAwait(false);
        var inputs = await InsightsReader.LastInputsAsync(connection, history.Dialect, query, cancellationToken).ConfigureAwait(false);
        var metrics = await MetricsReader.ReadAsync(connection, new MetricsQuery { PlaybookId = query.PlaybookId }, cancellationToken, stepCategories: false).ConfigureAwait(false);
        var breakers = metrics.Targets.Where(t => t.BreakerRefusals > 0).OrderByDescending(t => t.LastRefusedAt).Take(query.Limit).ToList();
        var recommendations = metrics.Playbooks
            .SelectMany(p => Recommender.For(p, retries, definitionOf?.Invoke(p.PlaybookId), DefaultAttemptTimeout))
            .Where(r => query.StepId is null || r.StepId == query.StepId)
            .Take(query.Limit)
            .ToList();
        var search = string.IsNullOrWhiteSpace(query.Query)
            ? null
            : await InsightsReader.SearchAsync(connection, history.Dialect, query, cancellationToken).ConfigureAwait(false);
        return new InsightsReport(patterns, [.. retries.Take(query.Limit)], flaky, breakers, inputs, recommendations, search);
    }

    /// <summary>One playbook's track record; null when it never finished an execution.</summary>
    public async Task<PlaybookTrackRecord?> GetTrackRecordAsync(string playbookId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(playbookId);
        return (await TrackRecords(playbookId, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(playbookId);
    }

    /// <summary>The track records of every playbook that has finished an execution, by id (two queries).</summary>
    public async Task<IReadOnlyDictionary<string, PlaybookTrackRecord>> GetTrackRecordsAsync(CancellationToken cancellationToken) =>
        await TrackRecords(null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Warnings from a playbook's past (for <c>validate_playbook</c>): the recommendations that apply to this definition
    /// (a timeout under what the step needs, a <c>retry_on</c> category that never recovers, a step nearly always skipped,
    /// a low success rate). Empty when it has not run often enough for any rule.
    /// </summary>
    public async Task<IReadOnlyList<HistoryWarning>> GetHistoryWarningsAsync(PlaybookDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var insights = await GetInsightsAsync(new InsightsQuery { PlaybookId = definition.Id, Limit = 50 }, id => id == definition.Id ? definition : null, cancellationToken).ConfigureAwait(false);
        return HistoryWarnings.From(insights.Recommendations);
    }

    private async Task<Dictionary<string, PlaybookTrackRecord>> TrackRecords(string? playbookId, CancellationToken cancellationToken)
    {
        await using var connection = await history.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var filter = MemorySql.Where(("playbook_id = @p", playbookId is not null));
        var incidents = await IncidentTypeReader.ReadAsync(connection, filter, [("p", playbookId)], cancellationToken).ConfigureAwait(false);
        var rows = await MemorySql.QueryAsync(
            connection,
            $"""
            SELECT playbook_id, SUM(runs), SUM(completed), SUM(failed) + SUM(rolled_back), MAX(last_run_at), MAX(last_success_at), SUM(cancelled), SUM(rejected), SUM(refused)
            FROM memory_playbook_days WHERE {filter} GROUP BY playbook_id HAVING SUM(runs) > 0
            """,
            r => new PlaybookTrackRecord(
                r.GetString(0), (int)r.Whole(1), (int)r.Whole(2), (int)r.Whole(6), MemorySql.Rate(r.Whole(2), r.Whole(2) + r.Whole(3)),
                r.NullableTime(4), r.NullableTime(5), [])
            {
                Rejected = (int)r.Whole(7),
                BreakerRefused = (int)r.Whole(8),
            },
            cancellationToken,
            ("p", playbookId)).ConfigureAwait(false);
        return rows.ToDictionary(
            r => r.PlaybookId,
            r => r with { IncidentTypes = [.. incidents[r.PlaybookId]] },
            StringComparer.Ordinal);
    }
}
