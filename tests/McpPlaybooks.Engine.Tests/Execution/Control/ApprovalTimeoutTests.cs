using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Tests.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>A gate's <c>timeout</c> and <c>on_timeout</c>, driven by a manual clock through the engine's one deadline index.</summary>
public sealed class ApprovalTimeoutTests
{
    private static readonly TimeSpan JustBefore = TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1);

    private static string Gated(string onTimeout) => $$"""
        id: timed-gate
        name: Timed gate
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Go?", approvers: [oncall], timeout: 10m, on_timeout: {{onTimeout}} }
            action: set
            with: { done: true }
          - id: after
            needs: [risky]
            action: log
            with: { message: after }
        """;

    [Fact]
    public async Task Deadline_OnTimeoutReject_FailsTheStepAtTheDeadlineAndNotBefore()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var parked = await harness.RunAsync(Gated("reject"));
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);
        Assert.Equal(ManualTimeProvider.DefaultStart.AddMinutes(10), Assert.Single(parked.PendingApprovals).ExpiresAt);

        clock.Advance(JustBefore);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await harness.Engine.GetStateAsync(parked.ExecutionId, default))!.Status);

        clock.Advance(TimeSpan.FromSeconds(1));
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(StepStatus.Failed, Step(done, "risky").Status);
        Assert.Equal(ErrorCategory.Timeout, Step(done, "risky").Error!.Category);
        Assert.Contains("within 10m (on_timeout: reject)", Step(done, "risky").Error!.Message, StringComparison.Ordinal);
        Assert.Equal("not_run", EnumNames.ToName(Step(done, "after").Status));
        var gate = Assert.Single(await harness.Engine.History.GetApprovalsAsync(parked.ExecutionId, default));
        Assert.Equal(ApprovalStatus.Expired, gate.Status);
        var timedOut = Assert.Single(await harness.Engine.History.GetAuditAsync($"{parked.ExecutionId}/risky", default), a => a.Action == "gate_timed_out");
        Assert.Equal("engine", timedOut.Actor);
        Assert.Contains("\"on_timeout\":\"reject\"", timedOut.DetailJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_OnTimeoutApprove_RunsTheStepAndCompletes()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var parked = await harness.RunAsync(Gated("approve"));

        clock.Advance(JustBefore);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await harness.Engine.GetStateAsync(parked.ExecutionId, default))!.Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(StepStatus.Completed, Step(done, "risky").Status);
        Assert.Equal(StepStatus.Completed, Step(done, "after").Status);
        Assert.Contains(await harness.LogsAsync(parked.ExecutionId), l => l.Message.Contains("on_timeout: approve", StringComparison.Ordinal));
        Assert.Empty(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
    }

    [Fact]
    public async Task Deadline_OnTimeoutSkip_SkipsTheStepAndItsDependentsStillRun()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var parked = await harness.RunAsync(Gated("skip"));

        clock.Advance(TimeSpan.FromMinutes(10));
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(StepStatus.Skipped, Step(done, "risky").Status);
        Assert.Equal(StepStatus.Completed, Step(done, "after").Status);
    }

    [Fact]
    public async Task Deadline_PassedWhileItsTimerHasNotFired_ADecisionIsRefusedAndOnTimeoutApplies()
    {
        // A busy or suspended machine, or a takeover that re-armed the timer: the clock is past the deadline first.
        var clock = new TimersNeverFire();
        await using var harness = await StartAsync(time: clock);
        var parked = await harness.RunAsync(Gated("reject"));

        clock.Now += TimeSpan.FromMinutes(11);
        var late = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.DecideAsync(
            new ApprovalRequest { ExecutionId = parked.ExecutionId, StepId = "risky", Approve = true, By = TestApprovers.Person("bob", "oncall") }, default));
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Contains("the gate of step 'risky' timed out with no decision at 2026-01-01T00:10:00Z (on_timeout: reject)", late.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(StepStatus.Failed, Step(done, "risky").Status);
        Assert.Empty(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
    }

    /// <summary>A clock a test sets, whose timers never fire.</summary>
    private sealed class TimersNeverFire : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = ManualTimeProvider.DefaultStart;

        public override DateTimeOffset GetUtcNow() => Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

        private sealed class Never : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Deadline_DecisionBeforeIt_WinsAndTheLaterDeadlineChangesNothing()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var parked = await harness.RunAsync(Gated("reject"));

        clock.Advance(TimeSpan.FromMinutes(5));
        await harness.Engine.DecideAsync(new ApprovalRequest { ExecutionId = parked.ExecutionId, StepId = "risky", Approve = true, By = TestApprovers.Person("bob", "oncall") }, default);
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var stored = await harness.Engine.GetStateAsync(parked.ExecutionId, default);
        Assert.Equal(ExecutionStatus.Completed, stored!.Status);
        Assert.Equal(ApprovalStatus.Approved, Assert.Single(await harness.Engine.History.GetApprovalsAsync(parked.ExecutionId, default)).Status);
    }

    [Fact]
    public async Task Deadline_ApprovalActionWithOnTimeoutApprove_CompletesWithNoDecisions()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var parked = await harness.RunAsync("""
            id: approval-action-timeout
            name: Approval action timeout
            version: 1.0.0
            steps:
              - id: gate
                action: approval
                with: { message: "Proceed?", timeout: 30m, on_timeout: approve }
            """);
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);

        clock.Advance(TimeSpan.FromMinutes(30));
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Empty(Step(done, "gate").Output.AsObject()["decisions"].AsList());
    }
}
