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
        var start = await harness.Engine.StartAsync(Flow.Request("""
            id: long-event
            name: Long event
            version: 1.0.0
            steps:
              - id: hear
                action: event
                with: { type: deployed, timeout: 2h }
            """), null, default);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await clock.WaitForTimerAsync(bound.Token);

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(StepStatus.Running, Step((await harness.Engine.GetStateAsync(start.ExecutionId, default))!, "hear").Status);
        clock.Advance(TimeSpan.FromMinutes(90));
        var done = await Flow.SettleAsync(harness.Engine, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Contains("within 2h", Step(done, "hear").Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitStep_LongerThanTheDefaultAttemptTimeout_Completes()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var start = await harness.Engine.StartAsync(Flow.Request("""
            id: long-wait
            name: Long wait
            version: 1.0.0
            steps:
              - id: pause
                action: wait
                with: { duration: 1h }
            """), null, default);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await clock.WaitForTimerAsync(bound.Token);

        clock.Advance(TimeSpan.FromHours(1));
        var done = await Flow.SettleAsync(harness.Engine, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
    }

    [Fact]
    public async Task WaitStep_WithItsOwnShorterTimeout_IsStillCutByIt()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var start = await harness.Engine.StartAsync(Flow.Request("""
            id: cut-wait
            name: Cut wait
            version: 1.0.0
            steps:
              - id: pause
                action: wait
                with: { duration: 1h }
                timeout: 5m
            """), null, default);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await clock.WaitForTimersAsync(2, bound.Token);

        clock.Advance(TimeSpan.FromMinutes(5));
        var done = await Flow.SettleAsync(harness.Engine, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal("wait timed out after 5m", Step(done, "pause").Error!.Message);
    }

    [Fact]
    public async Task PlaybookStep_ChildWaitingAtAGateForAnHour_IsNotCutAndFinishesAfterTheDecision()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await SubPlaybookTests.StartWithChildrenAsync(clock);
        var probe = new ExecutionProbe();
        using var _ = harness.Engine.Observe(null, probe);
        var childParked = probe.WhenExecution(s => s.PlaybookId == "gated-child" && s.Status == ExecutionStatus.WaitingApproval);
        var start = await harness.Engine.StartAsync(Flow.Request(SubPlaybookTests.Parent("gated-child")), null, default);
        var child = await childParked;

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(StepStatus.Running, Step((await harness.Engine.GetStateAsync(start.ExecutionId, default))!, "call").Status);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await harness.Engine.GetStateAsync(child.ExecutionId, default))!.Status);
        await harness.Engine.DecideAsync(ApprovalDecisionTests.Decision(child.ExecutionId, "risky", true, "alice"), default);
        var done = await Flow.SettleAsync(harness.Engine, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
    }
}
