using System.Text.Json;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Cli.Run;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>A restart: an execution left unfinished by one process is taken over by the next <c>serve</c> on the same data directory.</summary>
public sealed class ServeResumeEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private string DataDirectory => Path.Combine(_root.Path, "data");

    [Fact]
    public async Task Serve_ExecutionParkedByAProcessThatExited_ResumedOnStartAndOwnedByTheServer()
    {
        var playbook = _root.Write("playbooks/gated.yaml", RunPlaybooks.Gated);
        var run = await InProcessCli.RunAsync("run", playbook, "--data-dir", DataDirectory, "--json");
        Assert.Equal(3, run.ExitCode);
        using var parked = JsonDocument.Parse(run.Out);
        var id = parked.RootElement.GetProperty("execution_id").GetString()!;
        Assert.Null((await ReadRecordAsync(id)).OwnerId);

        string resumed;
        await using (var server = await StdioServerProcess.StartAsync(DataDirectory, [Path.GetDirectoryName(playbook)!]))
        {
            resumed = await server.ErrorLineAsync(line => line.Contains($"Resumed execution {id}", StringComparison.Ordinal));
            var record = await ReadRecordAsync(id);
            Assert.NotNull(record.OwnerId);
            Assert.Equal(Engine.Execution.ExecutionStatus.WaitingApproval, record.Status);
        }

        Assert.Contains("(gated 1.0.0)", resumed, StringComparison.Ordinal);
        Assert.EndsWith("now waiting_approval", resumed, StringComparison.Ordinal);
        var log = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(DataDirectory, "logs"), "server-*.log")));
        Assert.Contains($"Resumed execution {id}", log, StringComparison.Ordinal);
    }

    private async Task<Engine.History.Records.ExecutionRecord> ReadRecordAsync(string executionId)
    {
        var database = new EngineOptions { DataDirectory = DataDirectory }.DatabasePath;
        await using var store = await HistoryStore.OpenAsync(database, TimeProvider.System, logger: null, CancellationToken.None);
        return await store.GetExecutionAsync(executionId, CancellationToken.None) ?? throw new InvalidOperationException($"no execution {executionId}");
    }

    public void Dispose() => _root.Dispose();
}
