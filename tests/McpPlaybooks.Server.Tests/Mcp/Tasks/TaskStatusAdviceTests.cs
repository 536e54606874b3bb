using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Approvals;
using TaskStatus = McpPlaybooks.Server.Mcp.Tasks.TaskStatus;
using TaskCaller = McpPlaybooks.Server.Mcp.Tasks.TaskCaller;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>A task's status message proposes only calls that would not be refused: advice at a gate is this caller's, and a step that stops resume is named.</summary>
public sealed class TaskStatusAdviceTests
{
    private const string AlicesGate = """
        id: alices-gate
        name: Alice's gate
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Restart?", approvers: [alice], timeout: 15m }
            action: log
            with: { message: restarted }
        """;

    [Fact]
    public async Task TasksGet_GateTheAssistantMayNotDecide_SaysHowAPersonDecidesNotApproveStep()
    {
        await using var server = await McpTestServer.StartAsync(Options(("alices-gate", AlicesGate)));
        var task = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "alices-gate" });
        var executionId = (await server.Engine.History.GetHandleAsync(task.Str("taskId"), CancellationToken.None))!.ExecutionId;
        await server.SettledAsync(executionId);

        var atGate = await server.Client.TaskRequestAsync("tasks/get", task.Str("taskId"));

        Assert.Equal("input_required", atGate.Str("status"));
        Assert.DoesNotContain("call approve_step", atGate.Str("statusMessage"), StringComparison.Ordinal);
        Assert.Contains($"mcp-playbooks approve {executionId} risky", atGate.Str("statusMessage"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StepStatus.Interrupted, "interrupted")]
    [InlineData(StepStatus.Failed, "failed")]
    public void Of_PausedAtAStepThatStopsResume_NamesRetryOrSkipForThatStep(StepStatus status, string name)
    {
        var state = new ExecutionState
        {
            ExecutionId = "ex-1",
            PlaybookId = "p",
            PlaybookVersion = "1.0.0",
            Status = ExecutionStatus.Paused,
            Steps = [new StepState { Id = "first", Status = StepStatus.Completed }, new StepState { Id = "restart", Status = status }],
        };

        var message = TaskStatus.Of(state, new TaskCaller(null, "client", [], new ApprovalSettings())).Message;

        Assert.Contains($"paused at step 'restart', which is {name}", message, StringComparison.Ordinal);
        Assert.Contains("retry_step", message, StringComparison.Ordinal);
        Assert.Contains("skip_step", message, StringComparison.Ordinal);
        Assert.Contains("step_id=restart", message, StringComparison.Ordinal);
        Assert.DoesNotContain("resume goes on", message, StringComparison.Ordinal);
    }
}
