using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>A step skipped because its approval gate timed out (<c>on_timeout: skip</c>) is a gate timeout, not a step its <c>when</c> skipped.</summary>
public sealed class LearningMemoryGateTimeoutTests
{
    private const string Gated = """
        id: gated
        name: Gated
        version: 1.0.0
        inputs:
          run: { type: integer }
        steps:
          - id: deploy
            approval: { message: "Deploy?", timeout: 10m, on_timeout: skip }
            action: set
            with: { run: "{{ inputs.run }}" }
        """;

    [Fact]
    public async Task GetInsightsAsync_GateTimeoutThatSkips_CountedAsAGateTimeoutNotAsSkippedByWhen()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await EngineHarness.StartAsync(time: clock);
        for (var run = 1; run <= 10; run++)
        {
            var parked = await harness.Engine.StartAsync(Flow.Request(Gated, EngineHarness.Inputs(("run", Value.From(run)))), null, default);
            Assert.Equal(ExecutionStatus.WaitingApproval, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);
            clock.Advance(TimeSpan.FromMinutes(10));
            var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);
            Assert.Equal((ExecutionStatus.Completed, StepStatus.Skipped), (done.Status, done.Steps.Single().Status));
        }

        var step = Assert.Single(Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).Steps);
        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "gated" }, _ => EngineHarness.Load(Gated), default);

        Assert.Equal((0, 0, 10), (step.Runs, step.Skipped, step.GateTimeouts));
        Assert.DoesNotContain(insights.Recommendations, r => r.Kind == RecommendationKind.RarelyRunStep);
    }
}
