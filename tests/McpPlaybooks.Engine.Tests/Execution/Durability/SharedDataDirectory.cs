using System.Collections;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// One temporary data directory that several real engines open in turn (or at once), as processes sharing a
/// directory do; their history is its SQLite file or, when the run's store is PostgreSQL (<see cref="TestStore"/>), one
/// schema they all share. Engines still open at the end are disposed with it.
/// </summary>
internal sealed class SharedDataDirectory : IAsyncDisposable
{
    private readonly List<PlaybookEngine> _open = [];
    private readonly Lazy<Task<TestStore>> _store = new(TestStore.CreateAsync);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "mcpp-shared-" + Guid.NewGuid().ToString("n"));

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The lines of file <paramref name="name"/> (0 when there is none): how often a step that appends a mark to it ran.</summary>
    public int Lines(string name) => File.Exists(PathOf(name)) ? File.ReadAllLines(PathOf(name)).Length : 0;

    /// <summary>Completes once the file <paramref name="name"/> has <paramref name="count"/> lines or more (a real 30 s bound).</summary>
    public async Task LinesAsync(string name, int count)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Lines(name) < count)
        {
            await Task.Delay(10, bound.Token);
        }
    }

    /// <summary>Opens an engine as a CLI command does; <paramref name="playbooks"/>: it finds child playbooks in <c>playbooks/</c>.</summary>
    public async Task<PlaybookEngine> OpenAsync(TimeProvider? time = null, TimeSpan? pollInterval = null, Microsoft.Extensions.Logging.ILoggerFactory? logs = null, bool playbooks = false)
    {
        var options = new EngineOptions
        {
            DataDirectory = PathOf("data"),
            Database = await DatabaseAsync(),
            PollInterval = pollInterval ?? TimeSpan.FromSeconds(1),
            PlaybookDirectories = playbooks ? [PathOf("playbooks")] : [],
        };
        var engine = await PlaybookEngine.OpenAsync(options, time ?? TimeProvider.System, logs ?? NullLoggerFactory.Instance, new Hashtable(), CancellationToken.None);
        _open.Add(engine);
        return engine;
    }

    /// <summary>Opens an engine as <c>serve</c> does: unfinished executions are taken over in the background.</summary>
    public async Task<PlaybookEngine> OpenServingAsync(Task? takeOverAfter = null)
    {
        var options = new EngineOptions { DataDirectory = PathOf("data"), Database = await DatabaseAsync() };
        var engine = await PlaybookEngine.OpenServingAsync(options, TimeProvider.System, NullLoggerFactory.Instance, takeOverAfter ?? Task.CompletedTask, CancellationToken.None);
        _open.Add(engine);
        return engine;
    }

    /// <summary>The shared history's location: a schema on PostgreSQL, null (the data directory's file) on SQLite.</summary>
    public async Task<HistoryLocation?> DatabaseAsync() => (await _store.Value).Location;

    /// <summary>The shared history's location as the engines see it.</summary>
    public async Task<HistoryLocation> LocationAsync() =>
        await DatabaseAsync() ?? HistoryLocation.Sqlite(Path.Combine(PathOf("data"), "history.db"));

    /// <summary>Closes an engine as a process that stops: it lets go of what is parked; what it still drives keeps its lease.</summary>
    public async Task CloseAsync(PlaybookEngine engine)
    {
        _open.Remove(engine);
        await engine.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _open)
        {
            await engine.DisposeAsync();
        }

        if (_store.IsValueCreated)
        {
            await (await _store.Value).DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a process a test started may still hold a file for a moment; the temp folder is cleaned later
        }
    }
}
