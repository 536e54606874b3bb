using System.Data.Common;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Approvals;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A step failed and the playbook stops (<c>on_failure: stop</c> or <c>rollback</c>): its process then only waits for what
/// still runs (a sibling, <c>finally</c>). Killed there, the process that took it over started the steps the failure had
/// stopped (found by a review helper, with kill -9). Now it starts none but those that were running; a failure from before
/// a <c>retry_step</c> stops nothing. Before or after is the order history recorded them in, not their times (the clock of
/// one process standing still, or another's ahead).
/// </summary>
public sealed class FailureStopTakeoverTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenAsync_StoppedDuringTheFinallyOfAFailedRun_StartsNoStepTheFailureStopped(bool failedBeforeItsAuditEntry)
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
        await ForgetFailureEntriesAsync(directory, failedBeforeItsAuditEntry);

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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenAsync_StoppedAfterARetryStep_GoesOnPastTheEarlierFailure(bool failedBeforeItsAuditEntry)
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var id = await StartAsync(first, directory, "retried-then-stopped", CheckThenSlow(failsAfter: null));
        Assert.Equal(ExecutionStatus.Failed, (await first.WaitAsync(id, TimeSpan.FromSeconds(30), default)).Status);

        // A second later a person retries check (fails stays failed); the process stops while slow waits.
        File.WriteAllText(directory.PathOf("ready"), "");
        frozen.Advance(TimeSpan.FromSeconds(1));
        await first.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "check"), default);
        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.StepId == "slow");
        await ForgetFailureEntriesAsync(directory, failedBeforeItsAuditEntry);

        var (_, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal((StepStatus.Completed, StepStatus.Completed), (Step(done, "slow").Status, Step(done, "after").Status));
        Assert.Equal(1, directory.Lines("mark"));
    }

    [Fact]
    public async Task OpenAsync_AfterARetryAStepFailedInTheSameMillisecond_StartsNoStepTheFailureStopped()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var id = await StartAsync(first, directory, "fails-in-the-retry-millisecond", CheckThenSlow(failsAfter: "check"));
        Assert.Equal(ExecutionStatus.Failed, (await first.WaitAsync(id, TimeSpan.FromSeconds(30), default)).Status);

        // The clock stands still: the retry of check and the failure of fails after it are recorded in one millisecond.
        File.WriteAllText(directory.PathOf("ready"), "");
        await first.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "check"), default);

        await TakenOverStoppedAsync(directory, first, frozen, id);
    }

    [Fact]
    public async Task OpenAsync_RetriedByAProcessWhoseClockIsAhead_AFailureAfterTheRetryStillStops()
    {
        await using var directory = new SharedDataDirectory();
        var behind = new ManualTimeProvider();
        var first = await directory.OpenAsync(behind);
        var id = await StartAsync(first, directory, "retried-by-a-clock-ahead", CheckThenSlow(failsAfter: "gate", slowAfter: "gate") + """
              - id: gate
                needs: [check]
                approval: { message: "Go?" }
                action: set
                with: { done: true }
            """);
        Assert.Equal(ExecutionStatus.Failed, (await first.WaitAsync(id, TimeSpan.FromSeconds(30), default)).Status);
        await directory.CloseAsync(first);

        // A process whose clock is an hour ahead retries check and lets go of the execution parked at the gate; one whose
        // clock is behind approves it, and fails fails an hour "before" the retry.
        File.WriteAllText(directory.PathOf("ready"), "");
        var ahead = await directory.OpenAsync(new ManualTimeProvider(behind.GetUtcNow().AddHours(1)));
        await ahead.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "check"), default);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await ahead.WaitAsync(id, TimeSpan.FromSeconds(30), default)).Status);
        await directory.CloseAsync(ahead);
        var third = await directory.OpenAsync(behind);
        await third.DecideAsync(new ApprovalRequest { ExecutionId = id, StepId = "gate", Approve = true, By = TestApprovers.Person("alice") }, default);

        await TakenOverStoppedAsync(directory, third, behind, id);
    }

    /// <summary>
    /// check fails until the file <c>ready</c> exists; slow waits a minute after <paramref name="slowAfter"/>; fails fails,
    /// after <paramref name="failsAfter"/> (or at once); after needs slow and marks the file <c>mark</c>. Two run side by side.
    /// </summary>
    private static string CheckThenSlow(string? failsAfter, string slowAfter = "check") => $$$"""
        concurrency: 2
        steps:
          - id: check
            action: shell
            with: { command: [/bin/sh, -c, "test -e \"$0\"", "{{ inputs.ready }}"] }
          - id: slow
            needs: [{{{slowAfter}}}]
            action: wait
            with: { duration: 60s }
          - id: fails
            needs: [{{{failsAfter}}}]
            action: shell
            with: { command: [/bin/sh, -c, "exit 3"] }
          - id: after
            needs: [slow]
            action: shell
            with: { command: [/bin/sh, -c, "echo after >> \"$0\"", "{{ inputs.mark }}"] }

        """;

    /// <summary>
    /// Once fails has failed after the retry (its state committed, with its audit entry) while slow waits, the process
    /// stops; the one that takes the execution over runs slow again and starts nothing else: after never runs.
    /// </summary>
    private static async Task TakenOverStoppedAsync(SharedDataDirectory directory, PlaybookEngine owner, ManualTimeProvider clock, string executionId)
    {
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!(await owner.History.GetStepStatesAsync(executionId, bound.Token)).Any(step => step.StepId == "fails" && step.Status == StepStatus.Failed))
            {
                await Task.Delay(10, bound.Token);
            }
        }

        await TakeoverTests.AttemptRecordedAsync(owner, executionId, attempt => attempt.StepId == "slow");

        var (_, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, owner, clock, executionId);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal((StepStatus.Completed, StepStatus.NotRun), (Step(done, "slow").Status, Step(done, "after").Status));
        Assert.Equal(0, directory.Lines("mark"));
    }

    /// <summary>
    /// When <paramref name="forget"/>: deletes the failures' audit entries, as in a history whose failures were recorded
    /// before a failure had one (an execution under way when its engine was upgraded): the times decide for them, as then.
    /// </summary>
    private static async Task ForgetFailureEntriesAsync(SharedDataDirectory directory, bool forget)
    {
        if (!forget)
        {
            return;
        }

        var location = await directory.LocationAsync();
        await using DbConnection connection = location.Kind == StoreKind.Postgres
            ? new Npgsql.NpgsqlConnection(location.Target)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={location.Target}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM audit WHERE action = 'step_failed'";
        Assert.NotEqual(0, await command.ExecuteNonQueryAsync());
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
