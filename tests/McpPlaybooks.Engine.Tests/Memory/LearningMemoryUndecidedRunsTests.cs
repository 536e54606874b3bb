using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;
using McpPlaybooks.Engine.Tests.Execution.Approvals;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>
/// Runs that failed without a step of the playbook failing: turned down at a gate by people (rejected) or refused by an open
/// circuit breaker. They are counted apart, out of the success rate, and no recommendation blames the playbook for them.
/// </summary>
public sealed class LearningMemoryUndecidedRunsTests
{
    private const string Gate = """
        id: gate
        name: Gate
        version: 1.0.0
        inputs:
          run: { type: integer }
        steps:
          - id: risky
            approval: { message: "Go?", timeout: 10m, on_timeout: reject }
            action: set
            with: { run: "{{ inputs.run }}" }
        """;

    [Fact]
    public async Task GetInsightsAsync_RunsRejectedAtTheGate_CountedRejectedNotFailed()
    {
        await using var harness = await EngineHarness.StartAsync();
        Assert.Equal(ExecutionStatus.Completed, (await DecideAsync(harness, 1, approve: true)).Status);
        for (var run = 2; run <= 6; run++)
        {
            Assert.Equal(ExecutionStatus.Failed, (await DecideAsync(harness, run, approve: false)).Status);
        }

        var metrics = Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks);
        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery(), default);
        var record = (await harness.Engine.Memory.GetTrackRecordAsync("gate", default))!;

        Assert.Equal((6, 1, 0, 0, 5, 0, 1.0), (metrics.Runs, metrics.Completed, metrics.Failed, metrics.RolledBack, metrics.Rejected, metrics.BreakerRefused, metrics.SuccessRate));
        var incident = Assert.Single(metrics.IncidentTypes);
        Assert.Equal(("availability", 6, 1, 5, 1, 1.0), (incident.IncidentType, incident.Runs, incident.Completed, incident.Rejected, incident.Decided, incident.SuccessRate));
        Assert.Equal((5, 1, 1.0), (record.Rejected, record.Decided, record.SuccessRate));
        Assert.Empty(insights.Recommendations);
    }

    [Fact]
    public async Task GetMetricsAsync_GateTimeoutThatRejects_CountedRejected()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await EngineHarness.StartAsync(time: clock);
        var parked = await harness.Engine.StartAsync(Request(1), null, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(ExecutionStatus.Failed, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);

        var metrics = Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks);
        Assert.Equal((1, 0, 1, null), (metrics.Failed + 1, metrics.Completed, metrics.Rejected, metrics.SuccessRate));
    }

    [Fact]
    public async Task GetInsightsAsync_PlaybookRefusedByABreakerAnotherOpened_NotBlamedForIt()
    {
        await using var harness = await EngineHarness.StartAsync();
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Down(harness, "shared-host"), 5);
        var redirect = MemoryPlaybooks.Down(harness, "shared-host").Replace("id: down-service", "id: redir", StringComparison.Ordinal);
        var refused = await MemoryPlaybooks.RunManyAsync(harness, redirect, 5);
        Assert.All(refused, s => Assert.Contains("circuit breaker", s.Error!.Message, StringComparison.Ordinal));

        var metrics = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default);
        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery(), default);

        var redir = metrics.Playbooks.Single(p => p.PlaybookId == "redir");
        Assert.Equal((5, 0, 0, 5, null), (redir.Runs, redir.Completed, redir.Failed, redir.BreakerRefused, redir.SuccessRate));
        var down = metrics.Playbooks.Single(p => p.PlaybookId == "down-service");
        Assert.Equal((5, 5, 0), (down.Runs, down.Failed, down.BreakerRefused));
        Assert.DoesNotContain(insights.Recommendations, r => r.PlaybookId == "redir");
        Assert.Contains(insights.Recommendations, r => r.PlaybookId == "down-service" && r.Kind == RecommendationKind.LowSuccessRate);
    }

    [Fact]
    public async Task GetMetricsAsync_StepRefusedByAnOpenBreaker_CountedRefusedNotFailed()
    {
        await using var harness = await EngineHarness.StartAsync();
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Down(harness, "shared-host"), 5);
        var redirect = MemoryPlaybooks.Down(harness, "shared-host").Replace("id: down-service", "id: redir", StringComparison.Ordinal);
        Assert.All(await MemoryPlaybooks.RunManyAsync(harness, redirect, 3), s => Assert.Contains("circuit breaker", s.Error!.Message, StringComparison.Ordinal));

        var metrics = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default);

        var refused = Assert.Single(metrics.Playbooks.Single(p => p.PlaybookId == "redir").Steps);
        Assert.Equal((3, 0, 0, 3, null), (refused.Runs, refused.Completed, refused.Failed, refused.BreakerRefused, refused.SuccessRate));
        var failing = Assert.Single(metrics.Playbooks.Single(p => p.PlaybookId == "down-service").Steps);
        Assert.Equal((5, 5, 0, 0.0), (failing.Runs, failing.Failed, failing.BreakerRefused, failing.SuccessRate));
    }

    [Fact]
    public async Task GetMetricsAsync_RefusalWhoseWordsASecretMasked_StillCountedRefused()
    {
        // A secret whose value is a word of the breaker's message masks it before it is stored: the refusal is recorded as data.
        await using var harness = await EngineHarness.StartAsync(environment: new System.Collections.Hashtable { ["PLAYBOOK_SECRET_WORD"] = "breaker" });
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Down(harness, "shared-host"), 5);
        var redirect = MemoryPlaybooks.Down(harness, "shared-host").Replace("id: down-service", "id: redir", StringComparison.Ordinal);
        var states = await MemoryPlaybooks.RunManyAsync(harness, redirect, 3);
        Assert.All(states, s => Assert.Contains("circuit *** for 'shared-host' is open", s.Error!.Message, StringComparison.Ordinal));

        var metrics = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default);

        var playbook = metrics.Playbooks.Single(p => p.PlaybookId == "redir");
        Assert.Equal((3, 0, 3), (playbook.Runs, playbook.Failed, playbook.BreakerRefused));
        var refused = Assert.Single(playbook.Steps);
        Assert.Equal((3, 0, 3), (refused.Runs, refused.Failed, refused.BreakerRefused));
        Assert.Equal(3, Assert.Single(metrics.Targets, t => t.Target == "shared-host").BreakerRefusals);
    }

    private static async Task<ExecutionState> DecideAsync(EngineHarness harness, int run, bool approve)
    {
        var parked = await harness.Engine.StartAsync(Request(run), null, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);
        await harness.Engine.DecideAsync(new ApprovalRequest { ExecutionId = parked.ExecutionId, StepId = "risky", Approve = approve, By = TestApprovers.Person("cli:alice") }, default);
        return await Flow.SettleAsync(harness.Engine, parked.ExecutionId);
    }

    private static ExecutionRequest Request(int run) =>
        Flow.Request(Gate, EngineHarness.Inputs(("run", Value.From(run)))) with { Incident = Value.FromJsonText("""{"type": "availability"}""") };
}
