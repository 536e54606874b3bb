using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using static McpPlaybooks.Engine.Tests.Execution.Control.PauseAndCancelTests;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>rollback of ended executions; retry_step and skip_step from a failed one; refusals naming the state.</summary>
public sealed class RollbackAndStepControlTests
{
    private static string Undoable(EngineHarness harness, bool fail) => $$"""
        id: undoable
        name: Undoable
        version: 1.0.0
        on_failure: stop
        steps:
          - id: one
            action: shell
            with: { command: [touch, "{{harness.PathOf("one")}}"] }
            rollback:
              - action: shell
                with: { command: [rm, "{{harness.PathOf("one")}}"] }
          - id: two
            needs: [one]
            action: shell
            with: { command: [{{(fail ? "false" : "true")}}] }
        finally:
          - action: log
            with: { message: "finally ran" }
        """;

    private static string Continuing(EngineHarness harness) => $$"""
        id: continuing
        name: Continuing
        version: 1.0.0
        on_failure: continue
        steps:
          - id: flaky
            action: shell
            with: { command: [test, -e, "{{harness.PathOf("fixed")}}"] }
          - id: dependent
            needs: [flaky]
            action: shell
            with: { command: [touch, "{{harness.PathOf("dependent.ran")}}"] }
          - id: grand
            needs: [dependent]
            action: log
            with: { message: grand }
          - id: independent
            action: shell
            with: { command: [sh, -c, "echo ran >> {{harness.PathOf("independent.count")}}"] }
        """;

    [Fact]
    public async Task Rollback_CompletedExecution_UndoesItsStepsWithoutRunningFinallyAgain()
    {
        await using var harness = await StartAsync();
        var done = await harness.RunAsync(Undoable(harness, fail: false));
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.True(File.Exists(harness.PathOf("one")));

        var rolled = await harness.Engine.ControlAsync(Ask(done.ExecutionId, ControlAction.Rollback), default);

        Assert.Equal(ExecutionStatus.RolledBack, rolled.Status);
        Assert.False(File.Exists(harness.PathOf("one")));
        Assert.Equal(StepStatus.RolledBack, Step(rolled, "one").Status);
        Assert.Single(await harness.LogsAsync(done.ExecutionId), l => l.Message == "finally ran");
        var final = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.ControlAsync(Ask(done.ExecutionId, ControlAction.Rollback), default));
        Assert.Equal(RefusalKind.InvalidTransition, final.Kind);
        Assert.Equal(
            $"cannot rollback execution {done.ExecutionId}: it is rolled_back, which is final: no action is allowed; start a new execution with execute_playbook.",
            final.Message);
    }

    [Fact]
    public async Task Rollback_FailedExecution_UndoesTheCompletedStepsAndKeepsTheError()
    {
        await using var harness = await StartAsync();
        var failed = await harness.RunAsync(Undoable(harness, fail: true));
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.True(File.Exists(harness.PathOf("one")));

        var rolled = await harness.Engine.ControlAsync(Ask(failed.ExecutionId, ControlAction.Rollback), default);

        Assert.Equal(ExecutionStatus.RolledBack, rolled.Status);
        Assert.False(File.Exists(harness.PathOf("one")));
        Assert.Contains("step 'two' failed", rolled.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.RolledBack, (await harness.Engine.GetStateAsync(failed.ExecutionId, default))!.Status);
    }

    [Fact]
    public async Task SkipStep_FailedStepUnderContinue_BringsBackItsSkippedDependentsAndKeepsTheRest()
    {
        await using var harness = await StartAsync();
        var failed = await harness.RunAsync(Continuing(harness));
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal(StepStatus.Skipped, Step(failed, "dependent").Status);
        Assert.Equal(StepStatus.Skipped, Step(failed, "grand").Status);
        Assert.Equal(StepStatus.Completed, Step(failed, "independent").Status);

        await harness.Engine.ControlAsync(Ask(failed.ExecutionId, ControlAction.SkipStep, "flaky"), default);
        var done = await Flow.SettleAsync(harness.Engine, failed.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(StepStatus.Skipped, Step(done, "flaky").Status);
        Assert.Equal(StepStatus.Completed, Step(done, "dependent").Status);
        Assert.Equal(StepStatus.Completed, Step(done, "grand").Status);
        Assert.True(File.Exists(harness.PathOf("dependent.ran")));
        Assert.Single(await File.ReadAllLinesAsync(harness.PathOf("independent.count")));
        Assert.Null(done.Error);
    }

    [Fact]
    public async Task RetryStep_FailedStepUnderContinue_RerunsItThenItsDependents()
    {
        await using var harness = await StartAsync();
        var failed = await harness.RunAsync(Continuing(harness));
        await File.WriteAllTextAsync(harness.PathOf("fixed"), "now");

        await harness.Engine.ControlAsync(Ask(failed.ExecutionId, ControlAction.RetryStep, "flaky"), default);
        var done = await Flow.SettleAsync(harness.Engine, failed.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(StepStatus.Completed, Step(done, "flaky").Status);
        Assert.Equal(2, Step(done, "flaky").Attempts);
        Assert.Equal(StepStatus.Completed, Step(done, "dependent").Status);
        Assert.Equal(StepStatus.Completed, Step(done, "grand").Status);
        Assert.Single(await File.ReadAllLinesAsync(harness.PathOf("independent.count")));
    }

    [Fact]
    public async Task RetryStep_StepThatSucceeded_IsRefusedNamingTheCandidates()
    {
        await using var harness = await StartAsync();
        var failed = await harness.RunAsync(Continuing(harness));

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.ControlAsync(Ask(failed.ExecutionId, ControlAction.RetryStep, "independent"), default));
        var missing = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.ControlAsync(Ask(failed.ExecutionId, ControlAction.SkipStep), default));
        var unknown = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.ControlAsync(Ask(failed.ExecutionId, ControlAction.SkipStep, "nope"), default));
        var pause = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.ControlAsync(Ask(failed.ExecutionId, ControlAction.Pause), default));

        Assert.Equal(RefusalKind.InvalidTransition, refusal.Kind);
        Assert.Contains("the step is completed; it already succeeded", refusal.Message, StringComparison.Ordinal);
        Assert.EndsWith("Candidates for retry_step: flaky (failed).", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(RefusalKind.InvalidRequest, missing.Kind);
        Assert.Equal(RefusalKind.UnknownStep, unknown.Kind);
        Assert.Equal(
            $"cannot pause execution {failed.ExecutionId}: it is failed. In that state the allowed actions are: retry_step, skip_step, rollback.",
            pause.Message);
        Assert.Equal(ExecutionStatus.Failed, (await harness.Engine.GetStateAsync(failed.ExecutionId, default))!.Status);
    }

    [Fact]
    public async Task ControlAsync_CompletedExecution_RefusesEverythingButRollback()
    {
        await using var harness = await StartAsync();
        var done = await harness.RunAsync(Undoable(harness, fail: false));

        foreach (var action in new[] { ControlAction.Pause, ControlAction.Resume, ControlAction.Cancel })
        {
            var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.ControlAsync(Ask(done.ExecutionId, action), default));
            Assert.Equal(RefusalKind.InvalidTransition, refusal.Kind);
            Assert.Equal(
                $"cannot {Definitions.EnumNames.ToName(action)} execution {done.ExecutionId}: it is completed. In that state the allowed actions are: rollback.",
                refusal.Message);
        }

        Assert.Equal(ExecutionStatus.Completed, (await harness.Engine.GetStateAsync(done.ExecutionId, default))!.Status);
    }

    [Fact]
    public async Task ControlAsync_UnknownOrDryRunExecution_IsRefusedWithTheRightKind()
    {
        await using var harness = await StartAsync();
        var dry = await harness.RunAsync(Undoable(harness, fail: false), dryRun: true);

        var unknown = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.ControlAsync(Ask("ex-nope", ControlAction.Cancel), default));
        var dryRun = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.ControlAsync(Ask(dry.ExecutionId, ControlAction.Rollback), default));
        var signal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.ControlAsync(Ask(dry.ExecutionId, ControlAction.Signal), default));

        Assert.Equal(RefusalKind.UnknownExecution, unknown.Kind);
        Assert.Equal(RefusalKind.InvalidTransition, dryRun.Kind);
        Assert.Contains("is a dry run", dryRun.Message, StringComparison.Ordinal);
        Assert.Equal(RefusalKind.InvalidRequest, signal.Kind);
        Assert.False(File.Exists(harness.PathOf("one")));
    }
}
