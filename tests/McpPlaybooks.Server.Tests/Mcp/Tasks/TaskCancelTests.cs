using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>
/// tasks/cancel answers once the cancel is recorded, not once the execution has stopped: its finally steps may run long.
/// Meanwhile the task says it is cancelling, and a second cancel records nothing.
/// </summary>
public sealed class TaskCancelTests
{
    /// <summary>A step that runs until cancelled, and a finally call that runs until the test lets it end (30 s at most).</summary>
    private const string LongFinally = """
        id: long-finally
        name: Long finally
        version: 1.0.0
        inputs:
          running: { type: string }
          tidying: { type: string }
          tidied: { type: string }
        steps:
          - id: hold
            action: shell
            with: { command: [/bin/sh, -c, 'echo $$ > "$0"; while true; do sleep 0.05; done', "{{ inputs.running }}"] }
            timeout: 60s
            rollback: []
        finally:
          - name: Tidy
            action: shell
            with: { command: [/bin/sh, -c, 'echo $$ > "$0"; i=0; until [ -e "$1" ] || [ $i -ge 1500 ]; do sleep 0.02; i=$((i+1)); done', "{{ inputs.tidying }}", "{{ inputs.tidied }}"] }
        """;

    [Fact]
    public async Task TasksCancel_FinallyStillRunning_AnswersAtOnceSaysCancellingAndASecondCancelRecordsNothing()
    {
        await using var server = await McpTestServer.StartAsync(Options(("long-finally", LongFinally)));
        var (running, tidying, tidied) = (Path.Combine(server.Root, "running"), Path.Combine(server.Root, "tidying"), Path.Combine(server.Root, "tidied"));
        var task = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "long-finally", inputs = new { running, tidying, tidied } });
        var taskId = task.Str("taskId");
        var executionId = (await server.Engine.History.GetHandleAsync(taskId, CancellationToken.None))!.ExecutionId;
        await FileAppearance.WaitForLineAsync(running, TimeSpan.FromSeconds(30));

        // The finally call waits for the test: a tasks/cancel that waited for it would never answer.
        var cancelled = await server.Client.TaskRequestAsync("tasks/cancel", taskId).WaitAsync(TimeSpan.FromSeconds(15));
        await FileAppearance.WaitForLineAsync(tidying, TimeSpan.FromSeconds(30));
        var meanwhile = await server.Client.TaskRequestAsync("tasks/get", taskId);
        var again = await server.Client.TaskRequestAsync("tasks/cancel", taskId).WaitAsync(TimeSpan.FromSeconds(15));
        await File.WriteAllTextAsync(tidied, "");
        var ended = await server.SettledAsync(executionId);

        Assert.Equal("working", cancelled.Str("status"));
        Assert.Contains("cancel requested by mcp:", cancelled.Str("statusMessage"), StringComparison.Ordinal);
        Assert.Contains("finally", cancelled.Str("statusMessage"), StringComparison.Ordinal);
        Assert.Equal("working", meanwhile.Str("status"));
        Assert.Contains("is cancelling", meanwhile.Str("statusMessage"), StringComparison.Ordinal);
        Assert.Contains("already requested", again.Str("statusMessage"), StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        var audit = await server.Engine.History.GetAuditAsync(executionId, CancellationToken.None);
        Assert.Single(audit, a => a.Action == "cancel");
    }
}
