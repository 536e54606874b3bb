using System.Collections;
using System.Text.Json;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>
/// The backfill on open: executions that finished while the memory was off (or before it existed) are folded by the
/// next engine that opens with it on, exactly as they would have been live, once.
/// </summary>
public sealed class LearningMemoryBackfillTests : IDisposable
{
    private static readonly string[] Aggregates =
    [
        "memory_folds", "memory_playbook_days", "memory_step_days", "memory_durations", "memory_duration_totals", "memory_step_categories", "memory_step_timeouts",
        "memory_incident_days", "memory_target_days", "memory_target_categories", "memory_retries", "memory_patterns", "memory_last_success", "memory_search",
    ];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "mcpp-backfill-" + Guid.NewGuid().ToString("n"));

    [Fact]
    [Trait(TestStore.Trait, TestStore.SqliteOnly)] // engines reopen one data directory's file; Memory/Parity runs the backfill on PostgreSQL
    public async Task OpenAsync_HistoryWrittenWithTheMemoryOff_FoldsItAsLiveAndOnlyOnce()
    {
        await using (var off = await EngineHarness.StartAsync(_ => new EngineOptions
        {
            DataDirectory = _data, LearningMemory = false, Breakers = new CircuitBreakerSettings { MinimumCalls = 1000 },
        }))
        {
            await MemoryPlaybooks.RunManyAsync(off, MemoryPlaybooks.ConfigCheck(off), 12, "configuration");
            await MemoryPlaybooks.RunManyAsync(off, MemoryPlaybooks.Flaky(off), 4);
            await MemoryPlaybooks.RunAsync(off, MemoryPlaybooks.Flaky(off), 5, dryRun: true);
            Assert.Empty((await off.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks);
        }

        string first;
        await using (var engine = await OpenAsync())
        {
            Assert.Equal(16, await engine.Memory.Backfilled);
            var metrics = await engine.Memory.GetMetricsAsync(new MetricsQuery(), default);
            var insights = await engine.Memory.GetInsightsAsync(new InsightsQuery(), default);
            first = Json(metrics, insights);

            // The numbers LearningMemoryMetricsTests and LearningMemoryInsightsTests assert for the same runs folded live.
            var config = metrics.Playbooks.Single(p => p.PlaybookId == "config-check");
            Assert.Equal((12, 9, 3, 0.75), (config.Runs, config.Completed, config.Failed, config.SuccessRate));
            var check = config.Steps.Single(s => s.StepId == "check");
            Assert.Equal((12, 9, 3, 0, 15), (check.Runs, check.Completed, check.Failed, check.Skipped, check.Attempts));
            Assert.Equal([new CategoryCount(ErrorCategory.Configuration, 6)], check.ErrorCategories);
            Assert.Equal((0, 12), (config.Steps.Single(s => s.StepId == "notify").Runs, config.Steps.Single(s => s.StepId == "notify").Skipped));
            Assert.Equal(new IncidentTypeMetrics("configuration", 12, 9, 0, 0.75), Assert.Single(config.IncidentTypes));
            Assert.NotNull(config.DurationP50);
            Assert.NotNull(config.Mttr);
            var flaky = metrics.Playbooks.Single(p => p.PlaybookId == "flaky-restart");
            Assert.Equal((4, 4, 1.0), (flaky.Runs, flaky.Completed, flaky.SuccessRate));
            Assert.Equal(8, Assert.Single(flaky.Steps).Attempts);
            var pattern = insights.Patterns.Single(p => p.PlaybookId == "config-check");
            Assert.Equal((6, "<value> exited with code 1: fatal config error at <path>"), (pattern.Count, pattern.Pattern));
            var retry = insights.Retries.Single(r => r.StepId == "restart");
            Assert.Equal((ErrorCategory.Temporary, 2, 4, 4), (retry.AfterCategory, retry.Attempt, retry.Trials, retry.Successes));
            var hopeless = insights.Retries.Single(r => r.StepId == "check");
            Assert.Equal((ErrorCategory.Configuration, 2, 3, 0), (hopeless.AfterCategory, hopeless.Attempt, hopeless.Trials, hopeless.Successes));
            Assert.Equal(new FlakyStep("flaky-restart", "restart", 4, 4, 1.0), insights.FlakySteps.Single(f => f.PlaybookId == "flaky-restart"));
        }

        await using var again = await OpenAsync();
        Assert.Equal(0, await again.Memory.Backfilled);
        Assert.Equal(0, await again.Memory.BackfillAsync(default));
        Assert.Equal(first, Json(await again.Memory.GetMetricsAsync(new MetricsQuery(), default), await again.Memory.GetInsightsAsync(new InsightsQuery(), default)));
    }

    [Fact]
    [Trait(TestStore.Trait, TestStore.SqliteOnly)] // engines reopen one data directory's file; Memory/Parity runs the backfill on PostgreSQL
    public async Task OpenAsync_AggregatesEmptiedAsBeforeMigration3_RebuildsExactlyWhatWasFoldedLive()
    {
        string live;
        await using (var harness = await EngineHarness.StartAsync(_ => new EngineOptions { DataDirectory = _data }))
        {
            await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 8, "configuration");
            await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Flaky(harness), 3, "availability");
            await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.Login(harness), 2);
            live = Json(await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default), await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery(), default));
        }

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "history.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var wipe = connection.CreateCommand();
            wipe.CommandText = string.Join(";", Aggregates.Select(t => "DELETE FROM " + t));
            await wipe.ExecuteNonQueryAsync();
        }

        await using var engine = await OpenAsync();

        Assert.Equal(13, await engine.Memory.Backfilled);
        var rebuilt = Json(await engine.Memory.GetMetricsAsync(new MetricsQuery(), default), await engine.Memory.GetInsightsAsync(new InsightsQuery(), default));
        Assert.Contains("\"Runs\":8", live, StringComparison.Ordinal);
        Assert.Equal(live, rebuilt);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // a process a test started may still hold a file for a moment; the temp folder is cleaned later
        }
    }

    private static string Json(MetricsReport metrics, InsightsReport insights) =>
        JsonSerializer.Serialize(metrics) + JsonSerializer.Serialize(insights);

    private Task<PlaybookEngine> OpenAsync() =>
        PlaybookEngine.OpenAsync(new EngineOptions { DataDirectory = _data }, TimeProvider.System, NullLoggerFactory.Instance, new Hashtable(), CancellationToken.None);
}
