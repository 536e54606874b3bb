using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A step failed and the playbook stops (<c>on_failure: stop</c> or <c>rollback</c>): its process then only waits for what
/// still runs (a sibling, <c>finally</c>). Killed there, the process that took it over started the steps the failure had
/// stopped (found by a review helper, with kill -9). Now it starts none but those that were running; a failure from before
/// a <c>retry_step</c> stops nothing.
/// </summary>
public sealed class FailureStopTakeoverTests
{
    [Fact]
    public async Task OpenAsync_StoppedDuringTheFinallyOfAFailedRun_StartsNoStepTheFailureStopped()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var id = await StartAsync(first, directory, "stop-then-finally", """
            concurrency: 1
            steps:
              - id: fails
                action: shell
                with: { command: [/bin/sh, -c, "exit 3"] }
              - id: never
                action: shell
                with: { command: [/bin/sh, -c, "echo never >> \"$0\"", "{{ inputs.mark }}"] }
            finally:
              - { id: linger, action: wait, with: { duration: 60s } }
            """);
        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.Kind == AttemptKind.Finally && attempt.StepId == "linger");

        var (_, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(StepStatus.NotRun, Step(done, "never").Status);
        Assert.Equal(0, directory.Lines("mark"));
    }

    [Fact]
    public async Task OpenAsync_StoppedWhileASiblingRanAfterAFailure_RunsOnlyThatSiblingAgainAndRollsItBack()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var id = await StartAsync(first, directory, "stop-then-sibling", """
            concurrency: 2
            on_failure: rollback
            steps:
              - id: slow
                action: wait
                with: { duration: 60s }
                rollback:
                  - { action: shell, with: { command: [/bin/sh, -c, "echo undo-slow >> \"$0\"", "{{ inputs.mark }}"] } }
              - id: fails
                action: shell
                with: { command: [/bin/sh, -c, "exit 3"] }
              - id: never
                action: shell
                with: { command: [/bin/sh, -c, "echo never >> \"$0\"", "{{ inputs.mark }}"] }
                rollback:
                  - { action: shell, with: { command: [/bin/sh, -c, "echo undo-never >> \"$0\"", "{{ inputs.mark }}"] } }
            """);
        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.StepId == "fails" && attempt.Status == StepStatus.Failed);

        var (_, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(ExecutionStatus.RolledBack, done.Status);
        Assert.Equal(StepStatus.NotRun, Step(done, "never").Status);
        Assert.Equal(["undo-slow"], File.ReadAllLines(directory.PathOf("mark")));
    }

    [Fact]
    public async Task OpenAsync_StoppedAfterARetryStep_GoesOnPastTheEarlierFailure()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var id = await StartAsync(first, directory, "retried-then-stopped", """
            concurrency: 2
            steps:
              - id: fails
                action: shell
                with: { command: [/bin/sh, -c, "exit 3"] }
              - id: check
                action: shell
                with: { command: [/bin/sh, -c, "test -e \"$0\"", "{{ inputs.ready }}"] }
              - id: slow
                needs: [check]
                action: wait
                with: { duration: 60s }
              - id: after
                needs: [slow]
                action: shell
                with: { command: [/bin/sh, -c, "echo after >> \"$0\"", "{{ inputs.mark }}"] }
            """);
        Assert.Equal(ExecutionStatus.Failed, (await first.WaitAsync(id, TimeSpan.FromSeconds(30), default)).Status);

        // A second later a person retries check (fails stays failed); the process stops while slow waits.
        File.WriteAllText(directory.PathOf("ready"), "");
        frozen.Advance(TimeSpan.FromSeconds(1));
        await first.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "check"), default);
        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.StepId == "slow");

        var (_, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal((StepStatus.Completed, StepStatus.Completed), (Step(done, "slow").Status, Step(done, "after").Status));
        Assert.Equal(1, directory.Lines("mark"));
    }

    private static StepState Step(ExecutionState state, string id) => state.Steps.Single(s => s.Id == id);

    /// <summary>Starts the playbook <paramref name="id"/> whose text after its inputs (<c>mark</c>, <c>ready</c>: files in the directory) is <paramref name="rest"/>.</summary>
    private static async Task<string> StartAsync(PlaybookEngine engine, SharedDataDirectory directory, string id, string rest)
    {
        var yaml = $"id: {id}\nname: {id}\nversion: 1.0.0\ninputs:\n  mark: {{ type: string }}\n  ready: {{ type: string }}\n{rest}";
        var inputs = new Dictionary<string, Value> { ["mark"] = Value.From(directory.PathOf("mark")), ["ready"] = Value.From(directory.PathOf("ready")) };
        return (await engine.StartAsync(Flow.Request(yaml, inputs), null, default)).ExecutionId;
    }
}
