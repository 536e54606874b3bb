using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>Steps that wait by nature (event, wait, a child execution) wait as long as they say, past the default attempt timeout (10m).</summary>
public sealed class LongWaitTests
{
    [Fact]
    public async Task EventStep_TimeoutLongerThanTheDefaultAttemptTimeout_WaitsItsOwnTimeout()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var id = await Flow.StartUntilTimerAsync(harness.Engine, Flow.Request("""
            id: long-event
            name: Long event
            version: 1.0.0
            steps:
              - id: hear
                action: event
                with: { type: deployed, timeout: 2h }
            """), clock);

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(StepStatus.Running, Step((await harness.Engine.GetStateAsync(id, default))!, "hear").Status);
        clock.Advance(TimeSpan.FromMinutes(90));
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Contains("within 2h", Step(done, "hear").Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitStep_LongerThanTheDefaultAttemptTimeout_Completes()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var id = await Flow.StartUntilTimerAsync(harness.Engine, Flow.Request("""
            id: long-wait
            name: Long wait
            version: 1.0.0
            steps:
              - id: pause
                action: wait
                with: { duration: 1h }
            """), clock);

        clock.Advance(TimeSpan.FromHours(1));
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
    }

    [Fact]
    public async Task WaitStep_WithItsOwnShorterTimeout_IsStillCutByIt()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var id = await Flow.StartUntilTimerAsync(harness.Engine, Flow.Request("""
            id: cut-wait
            name: Cut wait
            version: 1.0.0
            steps:
              - id: pause
                action: wait
                with: { duration: 1h }
                timeout: 5m
            """), clock, timers: 2);

        clock.Advance(TimeSpan.FromMinutes(5));
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal("wait timed out after 5m", Step(done, "pause").Error!.Message);
    }

    [Fact]
    public async Task PlaybookStep_ChildWaitingAtAGateForAnHour_IsNotCutAndFinishesAfterTheDecision()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await SubPlaybookTests.StartWithChildrenAsync(clock);
        var (parent, child) = await SubPlaybookTests.StartUntilChildParkedAsync(harness.Engine);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(StepStatus.Running, Step((await harness.Engine.GetStateAsync(parent, default))!, "call").Status);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await harness.Engine.GetStateAsync(child, default))!.Status);
        await harness.Engine.DecideAsync(ApprovalDecisionTests.Decision(child, "risky", true, "alice"), default);
        var done = await Flow.SettleAsync(harness.Engine, parent);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
    }
}
