using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>Metrics folded from real executions (real engine, SQLite file, shell processes) whose outcomes are known.</summary>
public sealed class LearningMemoryMetricsTests
{
    [Fact]
    public async Task GetMetricsAsync_OneRunInFourFailsPermanently_CountsExactly()
    {
        await using var harness = await EngineHarness.StartAsync();
        var states = await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 12, "configuration");
        Assert.Equal(3, states.Count(s => s.Status == ExecutionStatus.Failed));

        var metrics = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default);

        var playbook = Assert.Single(metrics.Playbooks);
        Assert.Equal(("config-check", 12, 9, 3, 0, 0), (playbook.PlaybookId, playbook.Runs, playbook.Completed, playbook.Failed, playbook.Cancelled, playbook.RolledBack));
        Assert.Equal(0.75, playbook.SuccessRate);
        Assert.NotNull(playbook.DurationP50);
        Assert.True(playbook.DurationP95 >= playbook.DurationP50);
        Assert.NotNull(playbook.Mttr);
        Assert.Equal(states.Max(s => s.EndedAt)!.Value.ToUnixTimeMilliseconds(), playbook.LastRunAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(states.Where(s => s.Status == ExecutionStatus.Completed).Max(s => s.EndedAt)!.Value.ToUnixTimeMilliseconds(), playbook.LastSuccessAt!.Value.ToUnixTimeMilliseconds());

        var check = playbook.Steps.Single(s => s.StepId == "check");
        Assert.Equal((12, 9, 3, 0, 15, 0), (check.Runs, check.Completed, check.Failed, check.Skipped, check.Attempts, check.Timeouts));
        Assert.Equal(0.75, check.SuccessRate);
        Assert.Equal([new CategoryCount(ErrorCategory.Configuration, 6)], check.ErrorCategories);
        var notify = playbook.Steps.Single(s => s.StepId == "notify");
        Assert.Equal((0, 12), (notify.Runs, notify.Skipped));

        var incident = Assert.Single(playbook.IncidentTypes);
        Assert.Equal(new IncidentTypeMetrics("configuration", 12, 9, 0, 0.75), incident);
        var target = Assert.Single(metrics.Targets);
        Assert.Equal((15, 6, 0), (target.Attempts, target.Failures, target.BreakerRefusals));
        Assert.Contains("config.sh", target.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetricsAsync_SinceAfterTheRuns_IsEmptyAndByPlaybookFilters()
    {
        await using var harness = await EngineHarness.StartAsync();
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 2);
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Login(harness), 1);

        var later = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery { Since = DateTimeOffset.UtcNow.AddDays(2) }, default);
        var today = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery { Since = DateTimeOffset.UtcNow }, default);
        var one = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery { PlaybookId = "login-check" }, default);

        Assert.Empty(later.Playbooks);
        Assert.Empty(later.Targets);
        Assert.Equal(2, today.Playbooks.Count);
        Assert.Equal(TimeSpan.Zero, today.Since!.Value.TimeOfDay);
        Assert.Equal("login-check", Assert.Single(one.Playbooks).PlaybookId);
        Assert.Contains("login.sh", Assert.Single(one.Targets).Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetricsAsync_DryRuns_AreNotCounted()
    {
        await using var harness = await EngineHarness.StartAsync();
        var state = await MemoryPlaybooks.RunAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 1, dryRun: true);
        Assert.Equal(ExecutionStatus.Completed, state.Status);

        var metrics = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default);

        Assert.Empty(metrics.Playbooks);
        Assert.Null(await harness.Engine.Memory.GetTrackRecordAsync("config-check", default));
    }

    [Fact]
    public async Task GetMetricsAsync_LearningMemoryOff_FoldsNothing()
    {
        await using var harness = await EngineHarness.StartAsync(o => new EngineOptions { DataDirectory = o.DataDirectory, Database = o.Database, LearningMemory = false });
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 2);

        var metrics = await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default);

        Assert.False(harness.Engine.Memory.IsEnabled);
        Assert.Empty(metrics.Playbooks);
    }

    [Fact]
    public async Task GetMetricsAsync_ExecutionRetriedAfterFailing_IsCountedOnceWithItsNewOutcome()
    {
        await using var harness = await EngineHarness.StartAsync();
        var marker = harness.PathOf("fixed");
        var yaml = $$"""
            id: retry-me
            name: Retry me
            version: 1.0.0
            steps:
              - id: flaky
                action: shell
                with: { command: [test, -e, "{{marker}}"] }
                rollback: []
            """;
        var failed = await harness.RunAsync(yaml);
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        var before = Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks);
        Assert.Equal((1, 0, 1), (before.Runs, before.Completed, before.Failed));

        await File.WriteAllTextAsync(marker, "now it exists");
        await harness.Engine.ControlAsync(new ControlRequest { ExecutionId = failed.ExecutionId, Action = ControlAction.RetryStep, StepId = "flaky", RequestedBy = "test" }, default);
        var done = await harness.Engine.WaitAsync(failed.ExecutionId, TimeSpan.FromSeconds(30), default);
        Assert.Equal(ExecutionStatus.Completed, done.Status);

        var after = Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks);
        Assert.Equal((1, 1, 0, 1.0), (after.Runs, after.Completed, after.Failed, after.SuccessRate));
        var step = Assert.Single(after.Steps);
        Assert.Equal((1, 1, 0, 2), (step.Runs, step.Completed, step.Failed, step.Attempts));
        var insights = await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery(), default);
        Assert.Equal(new FlakyStep("retry-me", "flaky", 1, 1, 1.0), Assert.Single(insights.FlakySteps));
        Assert.Equal(1, Assert.Single(insights.Patterns).Count);
        Assert.Equal(done.ExecutionId, Assert.Single(insights.LastSuccessfulInputs).ExecutionId);
    }

    [Fact]
    public async Task GetTrackRecordsAsync_AfterRuns_GivesEachPlaybooksRecord()
    {
        await using var harness = await EngineHarness.StartAsync();
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 4, "configuration");
        await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Login(harness), 2, "availability");

        var records = await harness.Engine.Memory.GetTrackRecordsAsync(default);

        Assert.Equal(2, records.Count);
        var config = records["config-check"];
        Assert.Equal((4, 3, 0.75), (config.Runs, config.Completed, config.SuccessRate));
        Assert.Equal(new IncidentTypeMetrics("configuration", 4, 3, 0, 0.75), Assert.Single(config.IncidentTypes));
        Assert.Equal((2, 0, 0.0), (records["login-check"].Runs, records["login-check"].Completed, records["login-check"].SuccessRate));
        Assert.Null(records["login-check"].LastSuccessAt);
        Assert.Equal(config, await harness.Engine.Memory.GetTrackRecordAsync("config-check", default), TrackRecordComparer.Instance);
    }

    /// <summary>Compares track records by value, their incident lists included.</summary>
    private sealed class TrackRecordComparer : IEqualityComparer<PlaybookTrackRecord?>
    {
        public static readonly TrackRecordComparer Instance = new();

        private static readonly IncidentTypeMetrics[] None = [];

        public bool Equals(PlaybookTrackRecord? x, PlaybookTrackRecord? y) =>
            x is not null && y is not null && x with { IncidentTypes = None } == y with { IncidentTypes = None } && x.IncidentTypes.SequenceEqual(y.IncidentTypes);

        public int GetHashCode(PlaybookTrackRecord? obj) => obj?.PlaybookId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
