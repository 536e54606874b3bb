using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Memory;

/// <summary>
/// A <see cref="McpTestServer"/> (client named <see cref="ClientName"/>) whose catalogue holds <see cref="MemoryPlaybooks"/>,
/// with a folder for their scripts, and runs them on its real engine to build a history whose outcomes are known.
/// </summary>
internal sealed class MemoryServer : IAsyncDisposable
{
    public const string ClientName = "memory-test";

    private readonly TempDirectory _scripts;

    private MemoryServer(TempDirectory scripts, McpTestServer server)
    {
        _scripts = scripts;
        Server = server;
    }

    public McpTestServer Server { get; }

    /// <param name="environment">Environment variables the engine reads secrets from.</param>
    public static async Task<MemoryServer> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var scripts = new TempDirectory();
        var playbooks = new Dictionary<string, string>
        {
            ["flaky.yaml"] = MemoryPlaybooks.Flaky(scripts),
            ["config.yaml"] = MemoryPlaybooks.ConfigCheck(scripts),
            ["login.yaml"] = MemoryPlaybooks.Login(scripts),
            ["down.yaml"] = MemoryPlaybooks.Down(scripts),
            ["fresh.yaml"] = MemoryPlaybooks.FreshLogin,
        };
        var server = await McpTestServer.StartAsync(new McpTestServerOptions
        {
            Playbooks = playbooks,
            Client = ToolCalls.NamedClient(ClientName),
            Environment = environment ?? new Dictionary<string, string>(),
        });
        return new MemoryServer(scripts, server);
    }

    /// <summary>The scripts' folder, to build variants of the playbooks (YAML for validate_playbook).</summary>
    public TempDirectory Scripts => _scripts;

    /// <summary>Runs the catalogue playbook with input <c>run</c> (when it has one), for an incident of <paramref name="incidentType"/> when given.</summary>
    public Task<ExecutionState> RunAsync(string playbookId, int run, string? incidentType = null)
    {
        var entry = Server.Catalog.Current.Find(playbookId) ?? throw new InvalidOperationException($"{playbookId} is not in the catalogue");
        return Server.Engine.RunAsync(
            new ExecutionRequest
            {
                Playbook = entry.Definition,
                Content = entry.Content,
                Source = entry.Path,
                Inputs = InputBinder.Bind(entry.Definition, entry.Definition.FindInput("run") is null ? [] : new Dictionary<string, Value> { ["run"] = Value.From(run) }).Values,
                Incident = incidentType is null ? Value.Null : Value.FromJsonText($$"""{"type": "{{incidentType}}"}"""),
                StartedBy = "test:memory",
            },
            observer: null,
            CancellationToken.None);
    }

    /// <summary>Runs 1..<paramref name="count"/>, one after the other; returns how each ended.</summary>
    public async Task<List<ExecutionStatus>> RunManyAsync(string playbookId, int count, string? incidentType = null)
    {
        var statuses = new List<ExecutionStatus>();
        for (var run = 1; run <= count; run++)
        {
            statuses.Add((await RunAsync(playbookId, run, incidentType)).Status);
        }

        return statuses;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _scripts.Dispose();
    }
}
