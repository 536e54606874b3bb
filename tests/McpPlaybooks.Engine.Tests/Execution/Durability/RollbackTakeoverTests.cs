using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A rollback whose process stopped with a rollback call in flight is finished by the engine that takes the execution
/// over, and ends as it would have: one a person asked of an ended execution keeps that execution's error and does not run
/// finally again (it ran when the execution ended); one the execution's failure started runs finally once. Either way a
/// rollback call whose end was committed does not run again. The CLI's kill sweep (<c>RollbackCrashTests</c>) makes the
/// same states with a real SIGKILL, on SQLite.
/// </summary>
public sealed class RollbackTakeoverTests
{
    /// <summary>
    /// A step whose rollback leaves a mark in the file <c>inputs.undo_mark</c> names and then waits 60 s on the engine's
    /// clock, and a finally call: POLICY is the playbook's on_failure.
    /// </summary>
    private const string SlowUndo = """
        id: rollback-takeover
        name: Rollback takeover
        version: 1.0.0
        on_failure: POLICY
        inputs:
          fail: { type: boolean, default: false }
          undo_mark: { type: string }
        steps:
          - id: make
            action: set
            with: { made: true }
            rollback:
              - action: shell
                with: { command: [/bin/sh, -c, "echo x >> \"$0\"", "{{ inputs.undo_mark }}"] }
              - action: wait
                with: { duration: 60s }
          - id: check
            needs: [make]
            action: assert
            with: { that: "inputs.fail == false", message: "asked to fail" }
        finally:
          - id: tidy
            action: log
            with: { message: tidy }
        """;

    [Fact]
    public async Task OpenAsync_RollbackAskedOfAnEndedExecutionInFlight_FinishesItKeepingItsEndAndWithoutFinallyAgain()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var ended = await first.RunAsync(Flow.Request(SlowUndo.Replace("POLICY", "stop", StringComparison.Ordinal), Inputs(directory, fail: false)), null, default);
        Assert.Equal(ExecutionStatus.Completed, ended.Status);
        _ = first.ControlAsync(PauseAndCancelTests.Ask(ended.ExecutionId, ControlAction.Rollback), default);
        await MarkedAsync(first, ended.ExecutionId);

        var (second, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, ended.ExecutionId);

        Assert.Equal(ExecutionStatus.RolledBack, done.Status);
        Assert.Null(done.Error);
        Assert.Equal(StepStatus.RolledBack, done.Steps.Single(step => step.Id == "make").Status);
        Assert.Equal(1, await FinallyRunsAsync(second, ended.ExecutionId));
        Assert.Equal(1, UndoMarks(directory));
    }

    [Fact]
    public async Task OpenAsync_RollbackOfAFailureInFlight_FinishesItAndRunsFinallyOnce()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var request = Flow.Request(SlowUndo.Replace("POLICY", "rollback", StringComparison.Ordinal), Inputs(directory, fail: true));
        var id = (await first.StartAsync(request, null, default)).ExecutionId;
        await MarkedAsync(first, id);

        var (second, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(ExecutionStatus.RolledBack, done.Status);
        Assert.Contains("rolling back when its process died", done.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(StepStatus.RolledBack, done.Steps.Single(step => step.Id == "make").Status);
        Assert.Equal(1, await FinallyRunsAsync(second, id));
        Assert.Equal(1, UndoMarks(directory));
    }

    [Fact]
    public async Task OpenAsync_RollbackCallInFlight_KeepsItsAttemptInterruptedAndRecordsTheRunAgainAsTheNext()
    {
        // The call run again wrote attempt 1 again: history kept no trace of the run its process died in, and the log
        // said nothing of it. A step's attempt cut off the same way is kept, interrupted.
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var request = Flow.Request(SlowUndo.Replace("POLICY", "rollback", StringComparison.Ordinal), Inputs(directory, fail: true));
        var id = (await first.StartAsync(request, null, default)).ExecutionId;
        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.StepId == "make.rollback[1]");

        var (second, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(ExecutionStatus.RolledBack, done.Status);
        Assert.Equal([(1, StepStatus.Interrupted), (2, StepStatus.Completed)], await TakeoverTests.CallAttemptsAsync(second, id, "make.rollback[1]"));
        Assert.Equal([(1, StepStatus.Completed)], await TakeoverTests.CallAttemptsAsync(second, id, "make.rollback[0]"));
        Assert.Contains(await TakeoverTests.LogLinesAsync(second, id), line => line.StartsWith("make.rollback[1] (wait) runs again after a takeover", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_SecondRollbackInFlight_RunsAgainACallThatOnlyTheFirstRollbackCompleted()
    {
        // The failure's rollback completed rollback[0] at its second attempt and failed at rollback[1]; a person's rollback
        // then ran rollback[0] again from attempt 1, and its process stopped in it. The first rollback's completed attempt 2
        // counted as this rollback's: the call in flight was skipped and never finished.
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var failed = await first.RunAsync(Flow.Request("""
            id: rollback-again
            name: Rollback again
            version: 1.0.0
            on_failure: rollback
            inputs:
              dir: { type: string }
            steps:
              - id: make
                action: set
                retry: { max_attempts: 2, backoff: fixed, delay: 0s, jitter: false, retry_on: [unknown] }
                with: { made: true }
                rollback:
                  - action: shell
                    with:
                      command:
                        - /bin/sh
                        - -c
                        - n=$(cat "$0/n" 2>/dev/null | wc -l); echo x >> "$0/n"; [ "$n" -eq 0 ] && exit 1; if [ "$n" -ge 2 ]; then while [ ! -e "$0/go" ]; do sleep 0.01; done; fi; exit 0
                        - "{{ inputs.dir }}"
                  - action: shell
                    with: { command: [/bin/sh, -c, "test -e \"$0/ok\"", "{{ inputs.dir }}"] }
              - id: check
                needs: [make]
                action: assert
                with: { that: "false", message: "fails" }
            """, new Dictionary<string, Value> { ["dir"] = Value.From(directory.PathOf("")) }), null, default);
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal(2, directory.Lines("n"));

        File.WriteAllText(directory.PathOf("ok"), "");
        frozen.Advance(TimeSpan.FromSeconds(1));
        _ = first.ControlAsync(PauseAndCancelTests.Ask(failed.ExecutionId, ControlAction.Rollback), default);
        await directory.LinesAsync("n", 3);
        await directory.CloseAsync(first);
        File.WriteAllText(directory.PathOf("go"), "");

        var second = await directory.OpenAsync(new ManualTimeProvider(frozen.GetUtcNow().AddSeconds(20)));
        var done = await Flow.SettleAsync(second, failed.ExecutionId);

        Assert.Equal(ExecutionStatus.RolledBack, done.Status);
        Assert.Equal(4, directory.Lines("n"));
    }

    /// <summary>
    /// Returns once the end of the rollback's first call (the mark) is committed: the execution is rolling back, and its
    /// wait has begun or is about to (the clock is frozen: this engine never ends it).
    /// </summary>
    private static Task MarkedAsync(PlaybookEngine engine, string executionId) => TakeoverTests.AttemptRecordedAsync(engine, executionId, attempt =>
        attempt.Kind == AttemptKind.Rollback && attempt.StepId == "make.rollback[0]" && attempt.Status == StepStatus.Completed);

    private static Dictionary<string, Value> Inputs(SharedDataDirectory directory, bool fail) => new()
    {
        ["fail"] = Value.From(fail),
        ["undo_mark"] = Value.From(directory.PathOf("undo-mark")),
    };

    /// <summary>How many times the rollback's first call ran: the lines of its mark.</summary>
    private static int UndoMarks(SharedDataDirectory directory) => directory.Lines("undo-mark");

    /// <summary>The attempts of the finally call <c>tidy</c> that history records.</summary>
    internal static async Task<int> FinallyRunsAsync(PlaybookEngine engine, string executionId) =>
        (await engine.History.GetAttemptsAsync(executionId, default)).Count(attempt => attempt.Kind == AttemptKind.Finally && attempt.StepId == "tidy");
}
