using System.Collections;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Engine.Validation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// A real engine on a temporary data directory, its history a real SQLite file there or, when the run's store is
/// PostgreSQL (<see cref="TestStore"/>), a schema of its own; with its own environment for secrets. Loads playbooks from
/// YAML text through the validator, as the CLI does. A <c>configure</c> that builds new options keeps <c>o.Database</c>.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly TestStore store;

    private EngineHarness(string directory, PlaybookEngine engine, HistoryLocation location, TestStore store)
    {
        Directory = directory;
        Engine = engine;
        Location = location;
        this.store = store;
    }

    public string Directory { get; }

    public PlaybookEngine Engine { get; }

    /// <summary>Where the engine's history is (for opening a second store on it).</summary>
    public HistoryLocation Location { get; }

    public static async Task<EngineHarness> StartAsync(Func<EngineOptions, EngineOptions>? configure = null, IDictionary? environment = null, TimeProvider? time = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mcpp-engine-" + Guid.NewGuid().ToString("n"));
        System.IO.Directory.CreateDirectory(directory);
        var store = await TestStore.CreateAsync();
        var options = new EngineOptions { DataDirectory = Path.Combine(directory, "data"), Database = store.Location };
        options = configure?.Invoke(options) ?? options;
        if (store.Location is not null && options.Database is null)
        {
            await store.DisposeAsync();
            throw new InvalidOperationException("The harness's configure built options without o.Database: the test would run on SQLite, not on " + TestStore.Kind + ".");
        }

        try
        {
            var engine = await PlaybookEngine.OpenAsync(options, time ?? TimeProvider.System, NullLoggerFactory.Instance, environment ?? new Hashtable(), CancellationToken.None);
            return new EngineHarness(directory, engine, options.History, store);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>A harness whose playbook folder (<c>playbooks</c> in the test's own folder) holds these playbooks, each as NAME.yaml.</summary>
    public static async Task<EngineHarness> StartWithPlaybooksAsync(IEnumerable<(string Name, string Yaml)> playbooks, TimeProvider? time = null)
    {
        var harness = await StartAsync(o => new EngineOptions { DataDirectory = o.DataDirectory, Database = o.Database, PlaybookDirectories = [Path.Combine(Path.GetDirectoryName(o.DataDirectory)!, "playbooks")] }, time: time);
        System.IO.Directory.CreateDirectory(harness.PathOf("playbooks"));
        foreach (var (name, yaml) in playbooks)
        {
            await File.WriteAllTextAsync(Path.Combine(harness.PathOf("playbooks"), name + ".yaml"), yaml);
        }

        return harness;
    }

    /// <summary>A file in the test's own folder (for scripts and marker files).</summary>
    public string PathOf(string name) => Path.Combine(Directory, name);

    public static Definitions.PlaybookDefinition Load(string yaml)
    {
        var report = new PlaybookValidator().ValidateText(yaml, "test.yaml");
        Assert.True(report.ErrorCount == 0, string.Join("\n", report.Diagnostics.Select(d => d.Format("test.yaml"))));
        return report.Playbook!;
    }

    public Task<ExecutionState> RunAsync(string yaml, IReadOnlyDictionary<string, Value>? inputs = null, bool dryRun = false, bool autoApprove = false, IExecutionObserver? observer = null, CancellationToken cancellationToken = default) =>
        Engine.RunAsync(new ExecutionRequest
        {
            Playbook = Load(yaml),
            Content = yaml,
            Inputs = inputs ?? new Dictionary<string, Value>(),
            DryRun = dryRun,
            AutoApprove = autoApprove,
            StartedBy = "test:harness",
        }, observer, cancellationToken);

    public async Task<IReadOnlyList<ExecutionLogRecord>> LogsAsync(string executionId)
    {
        var page = await Engine.History.GetLogsAsync(new Engine.History.LogQuery { ExecutionId = executionId, Limit = 1000 }, CancellationToken.None);
        return page.Entries;
    }

    public Task<IReadOnlyList<StepAttemptRecord>> AttemptsAsync(string executionId) =>
        Engine.History.GetAttemptsAsync(executionId, CancellationToken.None);

    public static StepState Step(ExecutionState state, string id) => state.Steps.Single(s => s.Id == id);

    public static IReadOnlyDictionary<string, Value> Inputs(params (string Name, Value Value)[] inputs) =>
        inputs.ToDictionary(i => i.Name, i => i.Value, StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await store.DisposeAsync();
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
