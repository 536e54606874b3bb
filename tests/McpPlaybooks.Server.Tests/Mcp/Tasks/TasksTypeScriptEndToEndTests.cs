using System.Text.Json;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.TypeScript;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>
/// Durable tasks with the official TypeScript client (1.32.2, <c>client.experimental.tasks</c>) and the built server over
/// stdio: a task started before a <c>kill -9</c> of the server answers after a restart on the same data directory.
/// </summary>
public sealed class TasksTypeScriptEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task TaskStartedBeforeAKill9_AnswersTasksGetAndTasksResult_AfterARestart()
    {
        // The script approves with approve_step over stdio (the assistant's channel): the gate lists assistant.
        var gated = Tools.Executions.TestPlaybooks.Gated.Replace("timeout: 15m }", "approvers: [assistant], timeout: 15m }", StringComparison.Ordinal);
        Assert.NotEqual(Tools.Executions.TestPlaybooks.Gated, gated);
        var playbook = _root.Write("playbooks/gated.yaml", gated);
        var dataDirectory = Path.Combine(_root.Path, "data");

        var run = await TypeScriptClient.RunFileAsync(
            "tests/McpPlaybooks.Server.Tests/Mcp/Tasks/tasks-restart.mjs",
            [TypeScriptClient.DotnetHost, TypeScriptClient.ServerDll, dataDirectory, Path.GetDirectoryName(playbook)!],
            // The crash tests' short lease: the restarted server takes the killed one's execution over without waiting 15 s.
            new Dictionary<string, string?> { ["MCPPLAYBOOKS_TEST_LEASE_MS"] = Benchmarks.Crash.CrashScenario.LeaseMilliseconds },
            timeout: TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var seen = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);
        var root = seen.RootElement;
        var taskId = root.GetProperty("created").GetProperty("taskId").GetString()!;
        Assert.True(root.GetProperty("capability").GetProperty("requests").GetProperty("tools").TryGetProperty("call", out _), run.ToString());
        Assert.True(root.GetProperty("capability").TryGetProperty("cancel", out _));
        Assert.True(root.GetProperty("capability").TryGetProperty("list", out _));
        Assert.Equal(
            ["approve_step=optional", "control_execution=optional", "execute_playbook=optional"],
            root.GetProperty("taskSupport").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal("input_required", root.GetProperty("atGate").GetString());
        Assert.Equal(taskId, root.GetProperty("afterRestart").GetProperty("taskId").GetString());
        Assert.Equal("input_required", root.GetProperty("afterRestart").GetProperty("status").GetString());
        Assert.Equal(600000, root.GetProperty("afterRestart").GetProperty("ttl").GetInt64());
        Assert.Contains(taskId, root.GetProperty("listed").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("completed", root.GetProperty("resultStatus").GetString());
        Assert.Equal(taskId, root.GetProperty("resultMeta").GetProperty("io.modelcontextprotocol/related-task").GetProperty("taskId").GetString());
        Assert.Equal("completed", root.GetProperty("ended").GetString());
        Assert.Equal("cancelled", root.GetProperty("cancelled").GetString());
        Assert.Equal(-32602, root.GetProperty("unknownError").GetProperty("code").GetInt32());

        // The task was recorded by the killed process: its history row says so, and the execution ended in the second.
        var database = new EngineOptions { DataDirectory = dataDirectory }.DatabasePath;
        await using var store = await HistoryStore.OpenAsync(database, TimeProvider.System, logger: null, CancellationToken.None);
        var handle = await store.GetHandleAsync(taskId, CancellationToken.None);
        Assert.NotNull(handle);
        var execution = await store.GetExecutionAsync(handle.ExecutionId, CancellationToken.None);
        Assert.Equal(Engine.Execution.ExecutionStatus.Completed, execution!.Status);
        Assert.Equal(root.GetProperty("resultExecutionId").GetString(), handle.ExecutionId);
    }

    public void Dispose() => _root.Dispose();
}
