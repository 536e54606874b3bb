using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

public sealed class FailureHandlingTests
{
    private const string ThreeStepsThenFailure = """
        id: undo
        name: Undo
        version: 1.0.0
        on_failure: POLICY
        steps:
          - id: one
            action: log
            with: { message: one }
            rollback:
              - action: log
                with: { message: "undo one" }
          - id: two
            needs: [one]
            action: log
            with: { message: two }
            rollback:
              - action: log
                with: { message: "undo two" }
          - id: side
            action: log
            with: { message: side }
          - id: boom
            needs: [two]
            action: assert
            with: { that: "1 == 2", message: "the sky fell" }
          - id: later
            needs: [boom]
            action: log
            with: { message: later }
        finally:
          - action: log
            with: { message: "finally saw {{ execution.status }}" }
        """;

    [Fact]
    public async Task RunAsync_RollbackPolicy_UndoesCompletedStepsNewestFirstThenRunsFinally()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync(ThreeStepsThenFailure.Replace("POLICY", "rollback", StringComparison.Ordinal));

        Assert.Equal(ExecutionStatus.RolledBack, state.Status);
        Assert.Equal(ErrorCategory.Validation, state.Error!.Category);
        Assert.Contains("step 'boom' failed: assertion failed: the sky fell", state.Error.Message, StringComparison.Ordinal);
        Assert.Equal(StepStatus.RolledBack, Step(state, "one").Status);
        Assert.Equal(StepStatus.RolledBack, Step(state, "two").Status);
        Assert.Equal("not_run", EnumNames.ToName(Step(state, "later").Status));

        var lines = (await harness.LogsAsync(state.ExecutionId)).Select(l => l.Message).ToList();
        var undoTwo = lines.IndexOf("undo two");
        var undoOne = lines.IndexOf("undo one");
        var fin = lines.IndexOf("finally saw rolled_back");
        Assert.True(undoTwo >= 0 && undoTwo < undoOne && undoOne < fin, string.Join(" | ", lines));

        var rollbacks = (await harness.AttemptsAsync(state.ExecutionId)).Where(a => a.Kind == AttemptKind.Rollback).ToList();
        Assert.Equal(["two.rollback[0]", "one.rollback[0]"], rollbacks.OrderBy(a => a.StartedAt).Select(a => a.StepId));
    }

    [Fact]
    public async Task RunAsync_StopPolicy_LeavesTheExecutionFailedWithoutStartingMoreSteps()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync(ThreeStepsThenFailure.Replace("POLICY", "stop", StringComparison.Ordinal));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(StepStatus.Completed, Step(state, "two").Status);
        Assert.Equal(StepStatus.Failed, Step(state, "boom").Status);
        Assert.Equal("not_run", EnumNames.ToName(Step(state, "later").Status));
        var lines = (await harness.LogsAsync(state.ExecutionId)).Select(l => l.Message).ToList();
        Assert.DoesNotContain("undo two", lines);
        Assert.Contains("finally saw failed", lines);
    }

    [Fact]
    public async Task RunAsync_ContinuePolicy_RunsIndependentStepsAndSkipsDependents()
    {
        await using var harness = await StartAsync();
        var yaml = """
            id: go-on
            name: Go on
            version: 1.0.0
            on_failure: continue
            concurrency: 1
            steps:
              - id: boom
                action: assert
                with: { that: "false" }
              - id: child
                needs: [boom]
                action: log
                with: { message: child }
              - id: grandchild
                needs: [child]
                action: log
                with: { message: grandchild }
              - id: independent
                action: log
                with: { message: independent }
            """;
        var state = await harness.RunAsync(yaml);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(StepStatus.Completed, Step(state, "independent").Status);
        Assert.Equal(StepStatus.Skipped, Step(state, "child").Status);
        Assert.Equal(StepStatus.Skipped, Step(state, "grandchild").Status);
        var lines = (await harness.LogsAsync(state.ExecutionId)).Select(l => l.Message).ToList();
        Assert.Contains("skipped: step 'boom', which it needs, failed", lines);
        Assert.Contains("skipped: step 'child', which it needs, was skipped", lines);
    }

    [Fact]
    public async Task RunAsync_ContinueOnError_NeverFailsTheExecutionAndDependentsRun()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: tolerant
            name: Tolerant
            version: 1.0.0
            steps:
              - id: flaky
                action: assert
                with: { that: "false" }
                continue_on_error: true
              - id: next
                needs: [flaky]
                action: set
                with: { saw: "{{ steps.flaky.error.category }}" }
            """);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(StepStatus.Failed, Step(state, "flaky").Status);
        Assert.Equal("validation", Step(state, "next").Output.AsObject()["saw"].AsString());
    }

    [Fact]
    public async Task RunAsync_VerifyFails_FailsTheStep()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: verified
            name: Verified
            version: 1.0.0
            steps:
              - id: change
                action: set
                with: { healthy: false }
                verify:
                  - action: assert
                    with: { that: "steps.change.output.healthy", message: "not healthy after the change" }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var error = Step(state, "change").Error!;
        Assert.Equal(ErrorCategory.Validation, error.Category);
        Assert.Contains("verify[0] (assert) failed: assertion failed: not healthy after the change", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NonRetryableCategory_IsAttemptedOnce()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: no-retry
            name: No retry
            version: 1.0.0
            steps:
              - id: check
                action: assert
                with: { that: "false" }
                retry: { max_attempts: 4, delay: 10ms, retry_on: [temporary, network] }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(1, Step(state, "check").Attempts);
    }

    [Fact]
    public async Task RunAsync_RetryableCategory_IsAttemptedUpToMaxAttempts()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: retried
            name: Retried
            version: 1.0.0
            steps:
              - id: slow
                action: wait
                with: { duration: 10s }
                timeout: 50ms
                retry: { max_attempts: 3, delay: 10ms, backoff: fixed, jitter: false, retry_on: [timeout] }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(ErrorCategory.Timeout, Step(state, "slow").Error!.Category);
        Assert.Equal("wait timed out after 50ms", Step(state, "slow").Error!.Message);
        Assert.Equal(3, Step(state, "slow").Attempts);
        var attempts = await harness.AttemptsAsync(state.ExecutionId);
        Assert.Equal([1, 2, 3], attempts.Where(a => a.StepId == "slow").Select(a => a.Attempt).Order());
        Assert.All(attempts, a => Assert.Equal(ErrorCategory.Timeout, a.ErrorCategory));
        var lines = (await harness.LogsAsync(state.ExecutionId)).Select(l => l.Message).ToList();
        Assert.Contains(lines, l => l.StartsWith("attempt 1 failed (timeout): wait timed out after 50ms; retrying in 10ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ProcessThatSaysItTimedOut_IsNoTimeoutAndNotRetriedOnTimeout()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: says-timeout
            name: Says timeout
            version: 1.0.0
            steps:
              - id: job
                action: shell
                with: { command: [sh, -c, 'echo "job 7: operation timed out waiting for the lock (timeout=30s)" >&2; exit 1'] }
                retry: { max_attempts: 3, delay: 10ms, backoff: fixed, jitter: false, retry_on: [timeout] }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal((ErrorCategory.Unknown, 1), (Step(state, "job").Error!.Category, Step(state, "job").Attempts));
    }
}
