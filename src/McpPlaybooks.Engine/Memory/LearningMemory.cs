using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// The learning memory (design §4): aggregates folded from every finished execution's step attempts (in the same
/// transaction as the execution's final write), notes stored by callers, and a full-text index over notes and error
/// patterns. Answers read the aggregates only, never the attempts or logs, so they stay fast however long the history.
/// Reached as <c>PlaybookEngine.Memory</c>.
/// </summary>
public sealed class LearningMemory
{
    private readonly HistoryStore history;
    private readonly TimeProvider time;

    internal LearningMemory(HistoryStore history, TimeProvider time, bool enabled)
    {
        this.history = history;
        this.time = time;
        IsEnabled = enabled;
    }

    /// <summary>Whether executions are folded into the aggregates as they finish (<c>EngineOptions.LearningMemory</c>).</summary>
    public bool IsEnabled { get; }

    /// <summary>Success rates, durations, MTTR and error categories per playbook, step, incident type and target.</summary>
    public Task<MetricsReport> GetMetricsAsync(MetricsQuery query, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Error patterns, retry effectiveness, flaky steps, opened breakers, last good inputs and recommendations.</summary>
    public Task<InsightsReport> GetInsightsAsync(InsightsQuery query, CancellationToken cancellationToken) =>
        GetInsightsAsync(query, definitionOf: null, cancellationToken);

    /// <summary>
    /// As <see cref="GetInsightsAsync(InsightsQuery, CancellationToken)"/>; <paramref name="definitionOf"/> gives a playbook's
    /// current definition by id (or null), which the recommendations that compare history with the definition need
    /// (timeouts, <c>retry_on</c>); without it those are left out.
    /// </summary>
    public Task<InsightsReport> GetInsightsAsync(InsightsQuery query, Func<string, PlaybookDefinition?>? definitionOf, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>
    /// Stores a note. Throws <see cref="NoteRejectedException"/> when a field is out of <see cref="NoteLimits"/> or the
    /// execution id is not in the history.
    /// </summary>
    public Task<LearningNote> RecordNoteAsync(string text, IReadOnlyList<string> tags, string? playbookId, string? executionId, string author, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Full-text search over notes and error patterns, best first; any text is accepted (words are quoted, never parsed as FTS syntax).</summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>One playbook's track record; null when it never finished an execution.</summary>
    public Task<PlaybookTrackRecord?> GetTrackRecordAsync(string playbookId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>The track records of every playbook that has finished an execution, by id (one query).</summary>
    public Task<IReadOnlyDictionary<string, PlaybookTrackRecord>> GetTrackRecordsAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Warnings from a playbook's past (for <c>validate_playbook</c>); empty when it has not run often enough.</summary>
    public Task<IReadOnlyList<HistoryWarning>> GetHistoryWarningsAsync(PlaybookDefinition definition, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>
    /// Deletes the step attempts and logs of finished, folded executions that ended before <paramref name="olderThan"/>;
    /// the executions' rows and every aggregate stay, so metrics and insights do not change.
    /// </summary>
    public Task<PruneResult> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
