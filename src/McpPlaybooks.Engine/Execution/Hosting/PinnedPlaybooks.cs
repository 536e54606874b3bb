using System.Collections.Concurrent;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The playbook text an execution is pinned to (the version it runs, kept in history), loaded: what a takeover rebuilds
/// the run from, what a replay starts again, and where a state read from history finds its gates' message templates.
/// One load per pinned text for the process's life, however many executions ask for it at once.
/// </summary>
internal sealed class PinnedPlaybooks(HistoryStore history)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(PlaybookDefinition, string)>>> _loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// The execution's playbook and its text; a <see cref="PinnedPlaybookException"/> when the text is missing or no longer
    /// loads. A load the store failed is tried again by the next call.
    /// </summary>
    public async Task<(PlaybookDefinition Definition, string Content)> GetAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        var key = $"{record.PlaybookId}\n{record.PlaybookVersion}\n{record.PlaybookSha256}";
        var load = _loaded.GetOrAdd(key, _ => new Lazy<Task<(PlaybookDefinition, string)>>(() => LoadAsync(record, CancellationToken.None)));
        try
        {
            return await load.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (load.Value.IsFaulted && e is not PinnedPlaybookException)
        {
            _loaded.TryRemove(KeyValuePair.Create(key, load));
            throw;
        }
    }

    private async Task<(PlaybookDefinition, string)> LoadAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        var version = await history.GetPlaybookVersionAsync(record.PlaybookId, record.PlaybookVersion, record.PlaybookSha256, cancellationToken).ConfigureAwait(false)
            ?? throw new PinnedPlaybookException($"execution {record.Id} is pinned to {record.PlaybookId} {record.PlaybookVersion} ({record.PlaybookSha256[..12]}), which is missing from history");
        var report = new PlaybookValidator().ValidateText(version.Content, version.Source ?? $"{record.PlaybookId}@{record.PlaybookVersion}");
        var definition = report.Playbook ?? throw new PinnedPlaybookException(
            $"execution {record.Id}'s pinned playbook {record.PlaybookId} {record.PlaybookVersion} no longer loads: {string.Join("; ", report.Diagnostics.Where(d => d.IsError).Take(3).Select(d => d.Message))}");
        return (definition, version.Content);
    }
}
