using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Mcp.Sessions;
using Microsoft.Extensions.Hosting;

namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>
/// Turns what happens in the engine and the catalogue into resource notifications: every change of an execution updates
/// <c>execution://{id}</c>, every log line <c>execution://{id}/logs</c>, a changed playbook <c>playbook://{id}</c> (any
/// version), and any catalogue change sends <c>list_changed</c> to every session. It does not start the catalogue's
/// watcher: whoever opens the catalogue (serve) calls <see cref="PlaybookCatalog.StartWatching"/>.
/// </summary>
internal sealed class ResourceNotifier(PlaybookEngine engine, PlaybookCatalog catalog, McpSessions sessions) : IHostedService, IExecutionObserver, IDisposable
{
    private readonly Lock _gate = new();
    private CatalogSnapshot? _seen;
    private IDisposable? _observation;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Changed += OnCatalogChanged;
        _observation = engine.Observe(null, this);
        _ = SeeFirstLoadAsync();
        return Task.CompletedTask;
    }

    /// <summary>Keeps the catalogue as first loaded (in the background when serving, never waited for here): what changes are told against.</summary>
    private async Task SeeFirstLoadAsync()
    {
        try
        {
            await catalog.Loaded.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // serve stops, saying why
        }

        lock (_gate)
        {
            _seen ??= catalog.Current;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        catalog.Changed -= OnCatalogChanged;
        Interlocked.Exchange(ref _observation, null)?.Dispose();
    }

    public void ExecutionChanged(ExecutionState state) => sessions.ResourceUpdated(ResourceUri.Execution(state.ExecutionId).ToString());

    public void StepChanged(string executionId, StepState step) => sessions.ResourceUpdated(ResourceUri.Execution(executionId).ToString());

    public void LogWritten(ExecutionLogRecord entry) => sessions.ResourceUpdated(ResourceUri.ExecutionLogs(entry.ExecutionId).ToString());

    private void OnCatalogChanged(object? sender, EventArgs e)
    {
        CatalogSnapshot before;
        CatalogSnapshot after;
        lock (_gate)
        {
            before = _seen ?? CatalogSnapshot.Empty;
            after = catalog.Current;
            _seen = after;
        }

        var changed = CatalogDiff.ChangedIds(before, after);
        sessions.ResourceListChanged();
        if (changed.Count > 0)
        {
            sessions.ResourcesUpdated(uri => ResourceUri.TryParse(uri, out var parsed) && parsed.Kind == ResourceKind.Playbook && changed.Contains(parsed.Id));
        }
    }
}
