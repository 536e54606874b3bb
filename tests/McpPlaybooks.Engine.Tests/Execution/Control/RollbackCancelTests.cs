using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Tests.Execution.Durability;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.Control.PauseAndCancelTests;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>
/// <c>cancel</c> of an execution that is rolling back (the one action a rollback takes): the rollback stops where it
/// stands, the steps it did not undo stay as they are and are named, and the execution ends <c>cancelled</c>; finally runs
/// unless it ran when the execution ended before a person asked for the rollback. A cancel recorded and not carried out
/// (its process died) is carried out by the process that takes the rollback over, not the rest of the rollback.
/// </summary>
public sealed class RollbackCancelTests
{
    /// <summary>
    /// <c>make</c>, undone by a 60 s wait on the engine's clock; <c>keep</c>, undone by a mark in <c>inputs.mark</c> (and
    /// rolled back first, being newer); <c>check</c> fails when asked; a finally call. POLICY is the playbook's on_failure.
    /// </summary>
    private const string TwoUndos = """
        id: rollback-cancel
        name: Rollback cancel
        version: 1.0.0
        on_failure: POLICY
        inputs:
          fail: { type: boolean, default: false }
          mark: { type: string }
        steps:
          - id: make
            action: set
            with: { made: true }
            rollback:
              - action: wait
                with: { duration: 60s }
          - id: keep
            needs: [make]
            action: set
            with: { kept: true }
            rollback:
              - action: shell
                with: { command: [/bin/sh, -c, "echo x >> \"$0\"", "{{ inputs.mark }}"] }
          - id: check
            needs: [keep]
            action: assert
            with: { that: "inputs.fail == false", message: "asked to fail" }
        finally:
          - id: tidy
            action: log
            with: { message: tidy }
        """;

    [Fact]
    public async Task Cancel_RollbackOfAnEndedExecutionUnderWay_StopsItAndEndsCancelledWithoutFinallyAgain()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var engine = await directory.OpenAsync(frozen);
        var ended = await engine.RunAsync(Request(directory, "stop", fail: false), null, default);
        Assert.Equal(ExecutionStatus.Completed, ended.Status);
        var rollback = engine.ControlAsync(Ask(ended.ExecutionId, ControlAction.Rollback), default);
        await WaitingToUndoMakeAsync(engine, frozen, ended.ExecutionId);

        var cancelled = await engine.ControlAsync(Ask(ended.ExecutionId, ControlAction.Cancel), default);

        AssertStoppedBeforeMake(cancelled);
        Assert.Equal(ExecutionStatus.Cancelled, (await rollback).Status);
        Assert.Equal(1, await RollbackTakeoverTests.FinallyRunsAsync(engine, ended.ExecutionId));
    }

    [Fact]
    public async Task Cancel_RollbackOfAFailureUnderWay_StopsItEndsCancelledAndRunsFinally()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var engine = await directory.OpenAsync(frozen);
        var id = (await engine.StartAsync(Request(directory, "rollback", fail: true), null, default)).ExecutionId;
        await WaitingToUndoMakeAsync(engine, frozen, id);

        var cancelled = await engine.ControlAsync(Ask(id, ControlAction.Cancel), default);

        AssertStoppedBeforeMake(cancelled);
        Assert.Contains("asked to fail", cancelled.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, await RollbackTakeoverTests.FinallyRunsAsync(engine, id));
    }

    [Fact]
    public async Task OpenAsync_RollbackWithACancelRecordedAndNotCarriedOut_EndsCancelledWithoutUndoingTheRest()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var ended = await first.RunAsync(Request(directory, "stop", fail: false), null, default);
        _ = first.ControlAsync(Ask(ended.ExecutionId, ControlAction.Rollback), default);
        await WaitingToUndoMakeAsync(first, frozen, ended.ExecutionId);
        await first.History.WriteAsync(new HistoryWrite.AppendAudit(new AuditRecord
        {
            At = frozen.GetUtcNow(),
            Actor = "test:ops",
            Action = "cancel",
            SubjectType = "execution",
            SubjectId = ended.ExecutionId,
        }));
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(frozen.GetUtcNow().AddSeconds(20)));
        var done = await Flow.SettleAsync(second, ended.ExecutionId);

        AssertStoppedBeforeMake(done);
        Assert.Equal(1, await RollbackTakeoverTests.FinallyRunsAsync(second, ended.ExecutionId));
    }

    private static ExecutionRequest Request(SharedDataDirectory directory, string policy, bool fail) => Flow.Request(
        TwoUndos.Replace("POLICY", policy, StringComparison.Ordinal),
        new Dictionary<string, Value> { ["fail"] = Value.From(fail), ["mark"] = Value.From(directory.PathOf("mark")) });

    /// <summary>Returns once <c>keep</c> is rolled back and <c>make</c>'s rollback waits on <paramref name="clock"/>.</summary>
    private static async Task WaitingToUndoMakeAsync(PlaybookEngine engine, ManualTimeProvider clock, string executionId)
    {
        // The shell call's timeout timer is gone before its end is committed: the timer then awaited is make's wait.
        await TakeoverTests.AttemptRecordedAsync(engine, executionId, attempt =>
            attempt.Kind == AttemptKind.Rollback && attempt.StepId == "keep.rollback[0]" && attempt.Status == StepStatus.Completed);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await clock.WaitForTimerAsync(bound.Token);
    }

    private static void AssertStoppedBeforeMake(ExecutionState state)
    {
        Assert.Equal(ExecutionStatus.Cancelled, state.Status);
        Assert.Equal(StepStatus.RolledBack, state.Steps.Single(step => step.Id == "keep").Status);
        Assert.Equal(StepStatus.Completed, state.Steps.Single(step => step.Id == "make").Status);
        Assert.Contains("the rollback was cancelled by the caller; not rolled back: make", state.Error!.Message, StringComparison.Ordinal);
    }
}
