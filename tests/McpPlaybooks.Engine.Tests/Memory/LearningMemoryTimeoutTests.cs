using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>The timeout rule counts only attempts the step's own timeout stopped, and only at a limit the definition still has.</summary>
public sealed class LearningMemoryTimeoutTests
{
    [Fact]
    public async Task GetInsightsAsync_ProcessPrintingTimedOut_IsNoTimeoutOfTheStep()
    {
        await using var harness = await EngineHarness.StartAsync();
        var yaml = """
            id: fastto
            name: Fast timeout words
            version: 1.0.0
            inputs:
              run: { type: integer }
            defaults: { timeout: 30s }
            steps:
              - id: connect
                action: shell
                with: { command: [sh, -c, 'echo "connect to db: connection timed out" >&2; exit 1'] }
                retry: { max_attempts: 1 }
                rollback: []
            """;
        var states = await MemoryPlaybooks.RunManyAsync(harness, yaml, 5);
        Assert.All(states, s => Assert.Equal(ExecutionStatus.Failed, s.Status));

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "fastto" }, _ => EngineHarness.Load(yaml), default);

        Assert.DoesNotContain(insights.Recommendations, r => r.Kind == RecommendationKind.RaiseTimeout);
        var step = Assert.Single(Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).Steps);
        Assert.Equal((0, 5), (step.Timeouts, step.Attempts)); // "connection timed out" is network: no limit fired
        Assert.Empty(step.StoppedByTimeout);
    }

    [Fact]
    public async Task GetInsightsAsync_TimeoutsOfAnEarlierVersionUnderTheCurrentLimit_SayNothing()
    {
        await using var harness = await EngineHarness.StartAsync();
        var v1 = Version("1.0.0", "200ms", "10s");
        var v2 = Version("2.0.0", "10s", "10ms");
        Assert.All(await MemoryPlaybooks.RunManyAsync(harness, v1, 5), s => Assert.Equal(ExecutionStatus.Failed, s.Status));
        Assert.All(await MemoryPlaybooks.RunManyAsync(harness, v2, 10), s => Assert.Equal(ExecutionStatus.Completed, s.Status));

        var step = Assert.Single(Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).Steps);
        Assert.Equal([new TimeoutCount(TimeSpan.FromMilliseconds(200), 5)], step.StoppedByTimeout);
        Assert.Empty((await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "ver" }, _ => EngineHarness.Load(v2), default)).Recommendations);
        Assert.Empty(await harness.Engine.Memory.GetHistoryWarningsAsync(EngineHarness.Load(Version("2.0.1", "20s", "10ms")), default));
        Assert.Empty(await harness.Engine.Memory.GetHistoryWarningsAsync(EngineHarness.Load(Version("2.0.2", "1h", "10ms")), default));

        // Still at the limit that fired (or under it): the advice names that limit, and goes over it.
        var again = Assert.Single((await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "ver" }, _ => EngineHarness.Load(v1), default)).Recommendations);
        Assert.Matches(@"^`work` timed out in 5 of 15 attempts at 200ms; its p95 is \d+(ms|\.\ds|s): raise its timeout to (1s|2s|5s)$", again.Text);
        Assert.Equal((5, 15, 200, 200), (again.Evidence["timeouts"], again.Evidence["attempts"], again.Evidence["timeout_ms"], again.Evidence["timed_out_at_ms"]));
        var lower = Assert.Single(await harness.Engine.Memory.GetHistoryWarningsAsync(EngineHarness.Load(Version("0.9.0", "100ms", "10s")), default));
        Assert.Contains("timed out in 5 of 15 attempts at 200ms;", lower.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInsightsAsync_P95OverALowerTimeoutWithoutTimeouts_SaysSoWithoutATimeoutThatNeverFired()
    {
        await using var harness = await EngineHarness.StartAsync();
        Assert.All(await MemoryPlaybooks.RunManyAsync(harness, Version("1.0.0", "1h", "300ms"), 5), s => Assert.Equal(ExecutionStatus.Completed, s.Status));

        var advice = Assert.Single((await harness.Engine.Memory.GetInsightsAsync(
            new InsightsQuery { PlaybookId = "ver" }, _ => EngineHarness.Load(Version("2.0.0", "100ms", "300ms")), default)).Recommendations);

        Assert.Matches(@"^`work` has a p95 of \d+(ms|\.\ds|s) over 5 attempts, at or over its timeout of 100ms: raise its timeout to (1s|2s|5s)$", advice.Text);
        Assert.Equal(0, advice.Evidence["timeouts"]);
        Assert.False(advice.Evidence.ContainsKey("timed_out_at_ms"));
    }

    [Fact]
    public async Task GetInsightsAsync_WaitLongerThanDefaultsTimeout_IsNotComparedWithIt()
    {
        await using var harness = await EngineHarness.StartAsync();
        var yaml = """
            id: soak
            name: Soak
            version: 1.0.0
            inputs:
              run: { type: integer }
            defaults: { timeout: 100ms }
            steps:
              - id: settle
                action: wait
                with: { duration: 300ms }
              - id: check
                needs: [settle]
                action: wait
                with: { duration: 300ms }
                timeout: 200ms
            """;
        Assert.All(await MemoryPlaybooks.RunManyAsync(harness, yaml, 5), s => Assert.Equal(ExecutionStatus.Failed, s.Status));

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "soak" }, _ => EngineHarness.Load(yaml), default);

        // settle's wait takes no default limit (it waited its 300ms each time); check's own 200ms stopped it.
        var advice = Assert.Single(insights.Recommendations, r => r.Kind == RecommendationKind.RaiseTimeout);
        Assert.Equal(("check", 200), (advice.StepId, advice.Evidence["timeout_ms"]));
    }

    [Fact]
    public async Task GetInsightsAsync_StepWithoutATimeout_IsComparedWithTheEngineDefault()
    {
        await using var harness = await EngineHarness.StartAsync(o => new EngineOptions
        {
            DataDirectory = o.DataDirectory, Database = o.Database, DefaultAttemptTimeout = TimeSpan.FromMilliseconds(100),
        });
        var yaml = """
            id: nap
            name: Nap
            version: 1.0.0
            inputs:
              run: { type: integer }
            steps:
              - id: nap
                action: shell
                with: { command: [sleep, "5"] }
                rollback: []
            """;
        Assert.All(await MemoryPlaybooks.RunManyAsync(harness, yaml, 5), s => Assert.Equal(ExecutionStatus.Failed, s.Status));

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "nap" }, _ => EngineHarness.Load(yaml), default);

        var advice = Assert.Single(insights.Recommendations, r => r.Kind == RecommendationKind.RaiseTimeout);
        Assert.StartsWith("`nap` timed out in 5 of 5 attempts at 100ms;", advice.Text, StringComparison.Ordinal);
        Assert.Equal(100, advice.Evidence["timeout_ms"]);
    }

    [Fact]
    public async Task GetMetricsAsync_SecretMaskingTheLimitInTheMessage_StillCountsTheLimitThatFired()
    {
        // The attempt's message is masked before it is stored ("wait timed out after ***ms"): the limit is kept beside it.
        await using var harness = await EngineHarness.StartAsync(environment: new System.Collections.Hashtable { ["PLAYBOOK_SECRET_PIN"] = "150" });
        var states = await MemoryPlaybooks.RunManyAsync(harness, Version("1.0.0", "150ms", "10s"), 2);

        Assert.All(states, s => Assert.Equal("wait timed out after ***ms", s.Steps.Single().Error!.Message));
        Assert.All(await harness.AttemptsAsync(states[0].ExecutionId), a => Assert.Equal(TimeSpan.FromMilliseconds(150), a.StoppedByTimeout));
        var step = Assert.Single(Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).Steps);
        Assert.Equal([new TimeoutCount(TimeSpan.FromMilliseconds(150), 2)], step.StoppedByTimeout);
    }

    [Fact]
    public async Task GetInsightsAsync_AttemptStoppedByTheStepTimeout_IsAFailedAttemptAtThatLimit()
    {
        await using var harness = await EngineHarness.StartAsync();
        var yaml = Version("1.0.0", "200ms", "10s", limit: "step_timeout");
        var states = await MemoryPlaybooks.RunManyAsync(harness, yaml, 5);

        // The step says what it said before; the attempt it stopped is no longer recorded cancelled.
        const string Error = "step 'work' exceeded its step_timeout of 200ms";
        Assert.All(states, s => Assert.Equal((ExecutionStatus.Failed, new StepError(ErrorCategory.Timeout, Error)), (s.Status, s.Steps.Single().Error)));
        var attempt = Assert.Single(await harness.AttemptsAsync(states[0].ExecutionId));
        Assert.Equal((StepStatus.Failed, ErrorCategory.Timeout, Error, TimeSpan.FromMilliseconds(200)), (attempt.Status, attempt.ErrorCategory, attempt.ErrorMessage, attempt.StoppedByTimeout));

        var step = Assert.Single(Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).Steps);
        Assert.Equal((5, 5, 5, 5), (step.Runs, step.Failed, step.Attempts, step.Timeouts));
        Assert.Equal([new TimeoutCount(TimeSpan.FromMilliseconds(200), 5)], step.StoppedByTimeout);

        // A wait has no attempt timeout of its own: the step_timeout is what cuts it, and what the advice names.
        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "ver" }, _ => EngineHarness.Load(yaml), default);
        var advice = Assert.Single(insights.Recommendations, r => r.Kind == RecommendationKind.RaiseTimeout);
        Assert.Matches(@"^`work` timed out in 5 of 5 attempts at 200ms; its p95 is \d+(ms|\.\ds|s): raise its step_timeout to (1s|2s|5s)$", advice.Text);
        Assert.Equal((200, 200, 200), (advice.Evidence["timeout_ms"], advice.Evidence["timed_out_at_ms"], advice.Evidence["step_timeout_ms"]));
    }

    [Fact]
    public async Task GetInsightsAsync_TimeoutToRaiseOverTheStepTimeout_SaysToRaiseBoth()
    {
        await using var harness = await EngineHarness.StartAsync();
        Assert.All(await MemoryPlaybooks.RunManyAsync(harness, Version("1.0.0", "100ms", "10s"), 5), s => Assert.Equal(ExecutionStatus.Failed, s.Status));
        var covered = Version("1.0.1", "100ms", "10s") + "\n    step_timeout: 150ms";
        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "ver" }, _ => EngineHarness.Load(covered), default);

        var advice = Assert.Single(insights.Recommendations, r => r.Kind == RecommendationKind.RaiseTimeout);

        // A timeout over the step_timeout would not validate. The value raised to follows the attempts' measured p95 (a
        // loaded machine ends a 100ms attempt later), as the test above allows.
        Assert.Matches(@": raise its timeout to (1s|2s|5s) and its step_timeout to at least that$", advice.Text);
        Assert.Equal((100, 150), (advice.Evidence["timeout_ms"], advice.Evidence["step_timeout_ms"]));
    }

    /// <summary>Playbook <c>ver</c>: step <c>work</c> waits <paramref name="wait"/> under a <paramref name="limit"/> (<c>timeout</c> or <c>step_timeout</c>) of <paramref name="timeout"/>.</summary>
    private static string Version(string version, string timeout, string wait, string limit = "timeout") => $$"""
        id: ver
        name: Versions
        version: {{version}}
        inputs:
          run: { type: integer }
        steps:
          - id: work
            action: wait
            with: { duration: {{wait}} }
            {{limit}}: {{timeout}}
        """;
}
