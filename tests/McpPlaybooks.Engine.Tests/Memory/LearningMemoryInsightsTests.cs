using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>Patterns, retry effectiveness, flaky steps and recommendations from real executions with known outcomes.</summary>
public sealed class LearningMemoryInsightsTests
{
    [Fact]
    public async Task GetInsightsAsync_StepFailingEveryOtherAttempt_RetriesOnTemporaryAlwaysSucceedAtAttemptTwo()
    {
        // Breakers that never open here: the every-other failure would open the default one (see the next test).
        await using var harness = await EngineHarness.StartAsync(o => new EngineOptions { DataDirectory = o.DataDirectory, Database = o.Database, Breakers = new CircuitBreakerSettings { MinimumCalls = 1000 } });
        var states = await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Flaky(harness), 4);
        Assert.All(states, s => Assert.Equal(ExecutionStatus.Completed, s.Status));

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "flaky-restart" }, default);

        var retry = Assert.Single(insights.Retries);
        Assert.Equal(("flaky-restart", "restart", ErrorCategory.Temporary, 2, 4, 4, 1.0), (retry.PlaybookId, retry.StepId, retry.AfterCategory, retry.Attempt, retry.Trials, retry.Successes, retry.Rate));
        Assert.Contains("flaky.sh", retry.Target, StringComparison.Ordinal);
        Assert.Equal(new FlakyStep("flaky-restart", "restart", 4, 4, 1.0), Assert.Single(insights.FlakySteps));
        var pattern = Assert.Single(insights.Patterns);
        Assert.Equal(("<value> exited with code 75: temporary glitch on try <n>", 4, ErrorCategory.Temporary), (pattern.Pattern, pattern.Count, pattern.Category));
        Assert.Equal("temporary glitch on try 7", pattern.Example[^25..]);
        Assert.Empty(insights.Recommendations);
        var step = Assert.Single(Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).Steps);
        Assert.Equal((4, 4, 8, 1.0), (step.Runs, step.Completed, step.Attempts, step.SuccessRate));
    }

    [Fact]
    public async Task GetInsightsAsync_BreakerOpenedByFailures_IsReportedWithTheRefusals()
    {
        await using var harness = await EngineHarness.StartAsync();
        var states = await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Down(harness, "down-service"), 8);
        var refused = states.Count(s => s.Error?.Message.Contains("circuit breaker", StringComparison.Ordinal) == true);
        Assert.Equal(3, refused); // the default breaker opens after 5 unhealthy failures in 5 calls

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery(), default);

        var target = Assert.Single(insights.OpenedBreakers);
        Assert.Equal("down-service", target.Target);
        Assert.Equal(refused, target.BreakerRefusals);
        Assert.NotNull(target.LastRefusedAt);
        Assert.Contains(target.ErrorCategories, c => c.Category == ErrorCategory.Dependency && c.Count == refused);
    }

    [Fact]
    public async Task GetInsightsAsync_PermanentFailureWithVaryingPaths_IsOneFingerprintAndOneRecommendation()
    {
        await using var harness = await EngineHarness.StartAsync();
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 12);

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery(), default);

        var pattern = Assert.Single(insights.Patterns);
        Assert.Equal("<value> exited with code 1: fatal config error at <path>", pattern.Pattern);
        Assert.Equal(ErrorFingerprint.OfPattern(pattern.Pattern), pattern.Fingerprint);
        Assert.Equal((6, ErrorCategory.Configuration, "check"), (pattern.Count, pattern.Category, pattern.StepId));
        Assert.EndsWith("fatal config error at /etc/app/12.conf", pattern.Example, StringComparison.Ordinal);
        Assert.True(pattern.FirstSeen < pattern.LastSeen);
        var retry = Assert.Single(insights.Retries);
        Assert.Equal((ErrorCategory.Configuration, 2, 3, 0, 0.0), (retry.AfterCategory, retry.Attempt, retry.Trials, retry.Successes, retry.Rate));
        Assert.Empty(insights.FlakySteps);
        var inputs = Assert.Single(insights.LastSuccessfulInputs);
        Assert.Equal(("config-check", "1.0.0", """{"run":11}"""), (inputs.PlaybookId, inputs.PlaybookVersion, inputs.InputsJson));
        var recommendation = Assert.Single(insights.Recommendations);
        Assert.Equal(RecommendationKind.RarelyRunStep, recommendation.Kind);
        Assert.Equal("`notify` was skipped in 12 of 12 runs: check its `when` condition, or remove the step", recommendation.Text);
        Assert.Equal(12, recommendation.Evidence["skipped"]);
        Assert.Null(insights.Search);
    }

    [Fact]
    public async Task GetInsightsAsync_RetriesThatNeverRecoverForAnIncidentType_RecommendInPlainWords()
    {
        await using var harness = await EngineHarness.StartAsync();
        var yaml = MemoryPlaybooks.Login(harness);
        await MemoryPlaybooks.RunManyAsync(harness, yaml, 5, "availability");

        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "login-check" }, _ => EngineHarness.Load(yaml), default);

        Assert.Equal(
            [
                "`login-check` succeeded in 0 of 5 runs: read its error patterns and fix the failing steps before relying on it",
                "`login-check` succeeded in 0 of 5 runs for `availability` incidents: prefer another playbook for them",
                "retries on `authentication` never succeeded for `login` (0 of 5): drop it from retry_on",
            ],
            insights.Recommendations.Select(r => r.Text));
        Assert.Equal(
            [RecommendationKind.LowSuccessRate, RecommendationKind.LowSuccessForIncidentType, RecommendationKind.DropRetryCategory],
            insights.Recommendations.Select(r => r.Kind));
        Assert.Equal(5, insights.Recommendations[2].Evidence["trials"]);
        Assert.Equal(0, insights.Recommendations[2].Evidence["successes"]);

        var fixedYaml = yaml.Replace("retry_on: [authentication]", "retry_on: [network]", StringComparison.Ordinal);
        var warnings = await harness.Engine.Memory.GetHistoryWarningsAsync(EngineHarness.Load(fixedYaml), default);
        Assert.Equal(2, warnings.Count);
        Assert.DoesNotContain(warnings, w => w.Kind == RecommendationKind.DropRetryCategory);
        Assert.StartsWith("From this playbook's history: `login-check` succeeded in 0 of 5 runs", warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInsightsAsync_TimeoutsWithTheDefinition_RecommendARoundLargerTimeout()
    {
        await using var harness = await EngineHarness.StartAsync();
        var states = await Task.WhenAll(Enumerable.Range(1, 5).Select(run => MemoryPlaybooks.RunAsync(harness, MemoryPlaybooks.Slow, run)));
        Assert.All(states, s => Assert.Equal(ExecutionStatus.Failed, s.Status));

        var without = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "slow-wait", StepId = "slow" }, default);
        var with = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "slow-wait", StepId = "slow" }, _ => EngineHarness.Load(MemoryPlaybooks.Slow), default);
        var warnings = await harness.Engine.Memory.GetHistoryWarningsAsync(EngineHarness.Load(MemoryPlaybooks.Slow), default);

        Assert.DoesNotContain(without.Recommendations, r => r.Kind == RecommendationKind.RaiseTimeout);
        var timeout = with.Recommendations.Single(r => r.Kind == RecommendationKind.RaiseTimeout);
        // 1s when the p95 is under 667ms, as it is unless the machine is very busy.
        Assert.Matches(@"^`slow` timed out in 5 of 5 attempts at 100ms; its p95 is \d+(ms|\.\ds|s): raise its timeout to (1s|2s|5s|10s)$", timeout.Text);
        Assert.Equal((5, 5, 100), (timeout.Evidence["timeouts"], timeout.Evidence["attempts"], timeout.Evidence["timeout_ms"]));
        Assert.InRange(timeout.Evidence["p95_ms"], 90, 5000);
        Assert.True(timeout.Evidence["suggested_ms"] >= Math.Max(200, 1.5 * timeout.Evidence["p95_ms"]));
        Assert.Contains(warnings, w => w.Kind == RecommendationKind.RaiseTimeout && w.StepId == "slow");
        var step = Assert.Single(Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).Steps);
        Assert.Equal((5, 5), (step.Timeouts, step.Attempts));
        Assert.Equal([new CategoryCount(ErrorCategory.Timeout, 5)], step.ErrorCategories);
    }
}
