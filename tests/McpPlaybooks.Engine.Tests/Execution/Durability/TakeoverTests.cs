using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A second engine on the same data directory takes over what the first left: parked gates with their decisions
/// and deadlines, a wait with the time it had left, ended executions for retry_step; and a live owner applies
/// requests the other engine queued for it.
/// </summary>
public sealed class TakeoverTests
{
    private const string Quorum = """
        id: quorum-takeover
        name: Quorum takeover
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Go?", approvers: [alice, bob], min_approvals: 2 }
            action: set
            with: { done: true }
        """;

    [Fact]
    public async Task OpenAsync_ExecutionParkedAtAGateByAnEngineThatStopped_IsTakenOverWithItsDecisionsAndDecidedThere()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync();
        var parked = await first.RunAsync(Flow.Request(Quorum), null, default);
        await first.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice", "half"), default);
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync();

        Assert.Equal([parked.ExecutionId], second.LastResume.Resumed);
        Assert.Equal(1, second.HeldExecutions);
        Assert.True(second.WaitIdleAsync(default).IsCompletedSuccessfully);
        var taken = (await second.GetStateAsync(parked.ExecutionId, default))!;
        Assert.Equal(ExecutionStatus.WaitingApproval, taken.Status);
        var kept = Assert.Single(Assert.Single(taken.PendingApprovals).Decisions);
        Assert.Equal(("cli:alice", "half"), (kept.Approver, kept.Comment));
        Assert.Equal(second.OwnerId, await second.History.GetOwnerAsync(parked.ExecutionId, TimeProvider.System.GetUtcNow(), default));

        await second.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:bob"), default);
        var done = await Flow.SettleAsync(second, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(["cli:alice", "cli:bob"], (await second.History.GetDecisionsAsync(parked.ExecutionId, default)).Select(x => x.Approver));
    }

    [Fact]
    public async Task OpenAsync_GateWithATimeout_ResumesWithTheTimeItHadLeft()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var parked = await first.RunAsync(Flow.Request("""
            id: timed-takeover
            name: Timed takeover
            version: 1.0.0
            steps:
              - id: risky
                approval: { message: "Go?", timeout: 10m, on_timeout: reject }
                action: set
                with: { done: true }
            """), null, default);
        await directory.CloseAsync(first);

        var later = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddMinutes(4));
        var second = await directory.OpenAsync(later);
        later.Advance(TimeSpan.FromMinutes(6) - TimeSpan.FromSeconds(1));
        Assert.Equal(ExecutionStatus.WaitingApproval, (await second.GetStateAsync(parked.ExecutionId, default))!.Status);
        later.Advance(TimeSpan.FromSeconds(1));
        var done = await Flow.SettleAsync(second, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(ErrorCategory.Timeout, Step(done, "risky").Error!.Category);
    }

    [Fact]
    public async Task OpenAsync_WaitInFlightWhenItsEngineStopped_RunsAgainWithTheTimeItHadLeft()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var start = await StartWaitAsync(first, frozen);

        // The first engine stops with the wait in flight; its clock never moves again, so it never finishes it.
        // Its lease (15 s from its clock's start) has expired by the second engine's clock.
        await directory.CloseAsync(first);
        var later = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20));
        var second = await directory.OpenAsync(later);
        Assert.Equal([$"{start.ExecutionId}/pause"], second.LastResume.Rerun);
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await later.WaitForTimerAsync(bound.Token);
        }

        later.Advance(TimeSpan.FromSeconds(39));
        Assert.Equal(StepStatus.Running, Step((await second.GetStateAsync(start.ExecutionId, default))!, "pause").Status);
        later.Advance(TimeSpan.FromSeconds(1));
        var done = await Flow.SettleAsync(second, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var attempts = (await second.History.GetAttemptsAsync(start.ExecutionId, default)).Where(a => a.StepId == "pause").ToList();
        Assert.Equal([StepStatus.Interrupted, StepStatus.Completed], attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task RetryStep_FailedExecutionOfAnEngineThatStopped_TakesItUpAndBringsBackSkippedDependents()
    {
        await using var directory = new SharedDataDirectory();
        var yaml = $$"""
            id: continue-takeover
            name: Continue takeover
            version: 1.0.0
            on_failure: continue
            steps:
              - id: flaky
                action: shell
                with: { command: [test, -e, "{{directory.PathOf("fixed")}}"] }
              - id: dependent
                needs: [flaky]
                action: log
                with: { message: dependent }
              - id: grand
                needs: [dependent]
                action: log
                with: { message: grand }
            """;
        var first = await directory.OpenAsync();
        var failed = await first.RunAsync(Flow.Request(yaml), null, default);
        Assert.Equal(StepStatus.Skipped, Step(failed, "grand").Status);
        await directory.CloseAsync(first);
        await File.WriteAllTextAsync(directory.PathOf("fixed"), "now");

        var second = await directory.OpenAsync();
        Assert.Empty(second.LastResume.Resumed);
        await second.ControlAsync(PauseAndCancelTests.Ask(failed.ExecutionId, ControlAction.RetryStep, "flaky"), default);
        var done = await Flow.SettleAsync(second, failed.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(StepStatus.Completed, Step(done, "dependent").Status);
        Assert.Equal(StepStatus.Completed, Step(done, "grand").Status);
    }

    [Fact]
    public async Task DecideAsync_ThroughAnotherLiveEngine_IsQueuedAndAppliedByTheOwner()
    {
        await using var directory = new SharedDataDirectory();
        var owner = await directory.OpenAsync(pollInterval: TimeSpan.FromMilliseconds(100));
        var other = await directory.OpenAsync(pollInterval: TimeSpan.FromMilliseconds(100));
        var parked = await owner.RunAsync(Flow.Request(Quorum), null, default);

        await other.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice"), default);
        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => other.DecideAsync(Decision(parked.ExecutionId, "risky", true, "mallory"), default));
        await other.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:bob"), default);
        var done = await Flow.SettleAsync(owner, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(RefusalKind.ApproverNotAllowed, refusal.Kind);
        Assert.Equal(0, other.HeldExecutions);
        var requests = await owner.History.GetAuditAsync($"{parked.ExecutionId}/risky", default);
        Assert.Equal(["cli:alice", "cli:bob"], requests.Where(a => a.Action == "step_approved").Select(a => a.Actor));
    }

    [Fact]
    public async Task ControlAsync_ThroughAnotherLiveEngine_KeepsTheRequestsChannelInTheOwnersAudit()
    {
        await using var directory = new SharedDataDirectory();
        var owner = await directory.OpenAsync(pollInterval: TimeSpan.FromMilliseconds(100));
        var other = await directory.OpenAsync(pollInterval: TimeSpan.FromMilliseconds(100));
        var parked = await owner.RunAsync(Flow.Request(Quorum), null, default);

        await other.ControlAsync(new ControlRequest { ExecutionId = parked.ExecutionId, Action = ControlAction.Pause, RequestedBy = "alice", Comment = "from the dashboard", Channel = "dashboard" }, default);

        Assert.Equal(ExecutionStatus.Paused, (await owner.GetStateAsync(parked.ExecutionId, default))!.Status);
        var pause = Assert.Single(await owner.History.GetAuditAsync(parked.ExecutionId, default), a => a.Action == "pause");
        Assert.Equal(("alice", """{"comment":"from the dashboard","channel":"dashboard"}"""), (pause.Actor, pause.DetailJson));
    }

    /// <summary>Starts a 60 s <c>wait</c> (step <c>pause</c>, then <c>after</c>) and returns once it is under way, recorded running.</summary>
    internal static async Task<ExecutionStart> StartWaitAsync(PlaybookEngine engine, ManualTimeProvider clock)
    {
        var start = await engine.StartAsync(Flow.Request("""
            id: wait-takeover
            name: Wait takeover
            version: 1.0.0
            steps:
              - id: pause
                action: wait
                with: { duration: 60s }
              - id: after
                needs: [pause]
                action: log
                with: { message: after }
            """), null, default);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await clock.WaitForTimerAsync(bound.Token);
        return start;
    }

    /// <summary>
    /// Lets a 60 s wait begun again on <paramref name="clock"/> (as <see cref="StartWaitAsync"/>'s) run out; returns the settled
    /// state. The first timer set on the clock need not be the wait's: a step's timeout is disposed a moment after its attempt
    /// is recorded, and a backoff may be set on it. When the execution has not settled a second after an advance and a timer is
    /// set again (the wait's, set after that advance), the clock goes on past it.
    /// </summary>
    internal static async Task<ExecutionState> CompleteWaitAsync(PlaybookEngine engine, ManualTimeProvider clock, string executionId)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await clock.WaitForTimerAsync(bound.Token);
        clock.Advance(TimeSpan.FromSeconds(60));
        var settled = engine.WaitAsync(executionId, Timeout.InfiniteTimeSpan, bound.Token);
        while (await Task.WhenAny(settled, Task.Delay(TimeSpan.FromSeconds(1), bound.Token)) != settled)
        {
            bound.Token.ThrowIfCancellationRequested();
            if (clock.ActiveTimerCount > 0)
            {
                clock.Advance(TimeSpan.FromSeconds(60));
            }
        }

        return await settled;
    }

    /// <summary>
    /// Closes <paramref name="first"/> as a process that stops, opens another engine 20 s later by <paramref name="clock"/>
    /// (the first's lease has ended), and lets the 60 s wait that the takeover begins again run out: the new engine and
    /// the settled state.
    /// </summary>
    internal static async Task<(PlaybookEngine Engine, ExecutionState State)> TakeOverAndCompleteWaitAsync(
        SharedDataDirectory directory, PlaybookEngine first, ManualTimeProvider clock, string executionId)
    {
        await directory.CloseAsync(first);
        var later = new ManualTimeProvider(clock.GetUtcNow().AddSeconds(20));
        var second = await directory.OpenAsync(later);
        return (second, await CompleteWaitAsync(second, later, executionId));
    }

    /// <summary>The attempts history records of the call <paramref name="recordId"/> (<c>step.rollback[i]</c>, a finally call's id), by number.</summary>
    internal static async Task<List<(int Attempt, StepStatus Status)>> CallAttemptsAsync(PlaybookEngine engine, string executionId, string recordId) =>
        [.. (await engine.History.GetAttemptsAsync(executionId, default)).Where(a => a.StepId == recordId).OrderBy(a => a.Attempt).Select(a => (a.Attempt, a.Status))];

    /// <summary>The lines the execution's log holds.</summary>
    internal static async Task<List<string>> LogLinesAsync(PlaybookEngine engine, string executionId) =>
        [.. (await engine.History.GetLogsAsync(new LogQuery { ExecutionId = executionId, Limit = 1000 }, default)).Entries.Select(entry => entry.Message)];

    /// <summary>Returns once history holds an attempt of <paramref name="executionId"/> that <paramref name="match"/> accepts (its state committed).</summary>
    internal static async Task AttemptRecordedAsync(PlaybookEngine engine, string executionId, Func<StepAttemptRecord, bool> match)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!(await engine.History.GetAttemptsAsync(executionId, bound.Token)).Any(match))
        {
            await Task.Delay(10, bound.Token);
        }
    }
}
