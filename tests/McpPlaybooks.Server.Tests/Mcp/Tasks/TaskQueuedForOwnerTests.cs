using McpPlaybooks.Server.Tests.Cli;
using static McpPlaybooks.Server.Tests.Mcp.Tasks.TaskTestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>
/// Two servers on one history. The one that runs the execution does not answer what the other forwards (as a process
/// killed before its lease ran out): approve_step, approve_step as a task and tasks/cancel through the other are
/// queued, not refused, and say so; the task call still makes its task.
/// </summary>
public sealed class TaskQueuedForOwnerTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task ForwardedToAnOwnerThatDoesNotAnswer_IsQueuedNotRefused_AndATaskCallStillMakesItsTask()
    {
        await using var owner = await McpTestServer.StartAsync(Options() with { DataDirectory = _data.Path, EnginePollInterval = TimeSpan.FromHours(1) });
        var started = await owner.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "gated" });
        var taskId = started.Str("taskId");
        var executionId = (await owner.Engine.History.GetHandleAsync(taskId, CancellationToken.None))!.ExecutionId;
        await owner.SettledAsync(executionId);
        // The owner never answers: the asking side need not wait the 10 s a real caller waits.
        await using var other = await McpTestServer.StartAsync(Options() with { DataDirectory = _data.Path, ForwardWait = TimeSpan.FromSeconds(2) });

        var approve = new { execution_id = executionId, step_id = "risky", decision = "approve" };
        var plain = other.CallAsync("approve_step", approve);
        var asTask = other.Client.CallAsTaskAsync("approve_step", approve);
        var cancel = other.Client.TaskRequestAsync("tasks/cancel", taskId);
        await Task.WhenAll(plain, asTask, cancel).WaitAsync(TimeSpan.FromSeconds(60));

        var result = await plain;
        Assert.False(result.IsError is true, ToolCalls.Text(result));
        var structured = ToolCalls.Structured(result);
        Assert.Equal(executionId, structured["execution_id"]!.GetValue<string>());
        Assert.Contains("queued, not refused", structured["note"]!.GetValue<string>(), StringComparison.Ordinal);
        var handle = await other.Engine.History.GetHandleAsync((await asTask).Str("taskId"), CancellationToken.None);
        Assert.Equal(executionId, handle?.ExecutionId);
        Assert.Equal("approve_step", handle?.Origin);
        Assert.Contains("queued, not refused", (await cancel).Str("statusMessage"), StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
