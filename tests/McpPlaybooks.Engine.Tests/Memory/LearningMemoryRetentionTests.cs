using System.Text.Json;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>Pruning old attempts and logs keeps every aggregate.</summary>
public sealed class LearningMemoryRetentionTests
{
    [Fact]
    public async Task PruneAsync_FinishedExecutions_DeletesAttemptsAndLogsAndKeepsTheAggregates()
    {
        await using var harness = await EngineHarness.StartAsync();
        var states = await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 8, "configuration");
        var memory = harness.Engine.Memory;
        var metrics = JsonSerializer.Serialize(await memory.GetMetricsAsync(new MetricsQuery(), default));
        var insights = JsonSerializer.Serialize(await memory.GetInsightsAsync(new InsightsQuery(), default));
        var attempts = 0;
        foreach (var state in states)
        {
            attempts += (await harness.AttemptsAsync(state.ExecutionId)).Count;
        }

        var nothing = await memory.PruneAsync(states.Min(s => s.StartedAt)!.Value.AddDays(-1), default);
        var pruned = await memory.PruneAsync(DateTimeOffset.UtcNow.AddDays(1), default);

        Assert.Equal(new PruneResult(0, 0, 0), nothing);
        Assert.Equal((8, attempts), (pruned.Executions, pruned.Attempts));
        Assert.True(pruned.Logs > 0);
        Assert.Empty(await harness.AttemptsAsync(states[0].ExecutionId));
        Assert.Empty(await harness.LogsAsync(states[0].ExecutionId));
        Assert.NotNull(await harness.Engine.History.GetExecutionAsync(states[0].ExecutionId, default));
        Assert.Equal(metrics, JsonSerializer.Serialize(await memory.GetMetricsAsync(new MetricsQuery(), default)));
        Assert.Equal(insights, JsonSerializer.Serialize(await memory.GetInsightsAsync(new InsightsQuery(), default)));
        Assert.Equal(new PruneResult(0, 0, 0), await memory.PruneAsync(DateTimeOffset.UtcNow.AddDays(1), default));
    }

    [Fact]
    public async Task PruneAsync_UnfoldedExecutions_KeepTheirAttemptsAndLogs()
    {
        await using var harness = await EngineHarness.StartAsync(o => new Configuration.EngineOptions { DataDirectory = o.DataDirectory, Database = o.Database, LearningMemory = false });
        var state = await MemoryPlaybooks.RunAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 1);

        var pruned = await harness.Engine.Memory.PruneAsync(DateTimeOffset.UtcNow.AddDays(1), default);

        Assert.Equal(new PruneResult(0, 0, 0), pruned);
        Assert.NotEmpty(await harness.AttemptsAsync(state.ExecutionId));
        Assert.NotEmpty(await harness.LogsAsync(state.ExecutionId));
    }

    [Fact]
    public async Task PruneAsync_InBatches_PrunesEveryExecutionOnceAndNeverLooksAtItAgain()
    {
        await using var harness = await EngineHarness.StartAsync();
        var states = await MemoryPlaybooks.RunManyAsync(harness, MemoryPlaybooks.ConfigCheck(harness), 7);

        var pruned = await harness.Engine.Memory.PruneAsync(DateTimeOffset.UtcNow.AddDays(1), batch: 3, default);
        Assert.Equal(7, pruned.Executions);
        Assert.Equal(7, await LearningMemoryReviewTests.CountAsync(harness, "SELECT count(*) FROM memory_folds WHERE pruned_at IS NOT NULL"));

        // A log line written after the pruning (as a late writer would) is not looked for: pruned executions are remembered.
        await harness.Engine.History.WriteAsync(new Engine.History.Writes.HistoryWrite.AppendLog(History.HistorySamples.Log(states[0].ExecutionId, "late")));
        Assert.Equal(new PruneResult(0, 0, 0), await harness.Engine.Memory.PruneAsync(DateTimeOffset.UtcNow.AddDays(1), default));
        Assert.Single(await harness.LogsAsync(states[0].ExecutionId));
    }
}
