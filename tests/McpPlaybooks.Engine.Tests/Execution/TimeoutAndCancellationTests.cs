using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

public sealed class TimeoutAndCancellationTests
{
    [Fact]
    public async Task RunAsync_StepTimeout_CutsAllAttemptsTogether()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: step-timeout
            name: Step timeout
            version: 1.0.0
            steps:
              - id: slow
                action: wait
                with: { duration: 1h }
                step_timeout: 100ms
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(ErrorCategory.Timeout, Step(state, "slow").Error!.Category);
        Assert.Equal("step 'slow' exceeded its step_timeout of 100ms", Step(state, "slow").Error!.Message);
    }

    [Fact]
    public async Task RunAsync_ExecutionTimeout_StopsRunningStepsAndRunsFinally()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: execution-timeout
            name: Execution timeout
            version: 1.0.0
            timeout: 100ms
            steps:
              - id: slow
                action: wait
                with: { duration: 1h }
              - id: after
                needs: [slow]
                action: log
                with: { message: never }
            finally:
              - action: log
                with: { message: "finally: {{ execution.status }}" }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(ErrorCategory.Timeout, state.Error!.Category);
        Assert.Contains("exceeded its timeout of 100ms", state.Error.Message, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Cancelled, Step(state, "slow").Status);
        Assert.Equal("not_run", EnumNames.ToName(Step(state, "after").Status));
        Assert.Contains("finally: failed", (await harness.LogsAsync(state.ExecutionId)).Select(l => l.Message));
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsRunningStepsRunsFinallyAndSaysCancelled()
    {
        await using var harness = await StartAsync();
        using var cancel = new CancellationTokenSource();
        var observer = new CancelWhenRunning(cancel, "slow");
        var state = await harness.RunAsync("""
            id: cancelled
            name: Cancelled
            version: 1.0.0
            steps:
              - id: slow
                action: wait
                with: { duration: 1h }
            finally:
              - action: log
                with: { message: "finally: {{ execution.status }}" }
            """, observer: observer, cancellationToken: cancel.Token);

        Assert.Equal(ExecutionStatus.Cancelled, state.Status);
        Assert.Equal(StepStatus.Cancelled, Step(state, "slow").Status);
        Assert.Contains("finally: cancelled", (await harness.LogsAsync(state.ExecutionId)).Select(l => l.Message));
        var stored = await harness.Engine.GetStateAsync(state.ExecutionId, CancellationToken.None);
        Assert.Equal(ExecutionStatus.Cancelled, stored!.Status);
    }

    /// <summary>Cancels the run once the named step is recorded as running.</summary>
    private sealed class CancelWhenRunning(CancellationTokenSource cancel, string stepId) : IExecutionObserver
    {
        public void StepChanged(string executionId, StepState step)
        {
            if (step.Id == stepId && step.Status == StepStatus.Running)
            {
                cancel.Cancel();
            }
        }
    }
}
