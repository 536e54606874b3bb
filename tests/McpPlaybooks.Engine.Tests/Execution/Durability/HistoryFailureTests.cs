using Dapper;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>History that cannot be written mid-run: the caller hears which file, what failed and what to do, not a "running" state.</summary>
public sealed class HistoryFailureTests
{
    [Fact]
    [Trait(TestStore.Trait, TestStore.SqliteOnly)] // fills the file with PRAGMA max_page_count: a disk-full that only SQLite can fake
    public async Task WaitAsync_HistoryFullMidRun_ThrowsNamingTheFileTheCauseAndTheExecution()
    {
        await using var harness = await StartAsync();
        var fifo = await Flow.FifoAsync(harness.PathOf("go"));
        var yaml = $$"""
            id: chatty
            name: Chatty
            version: 1.0.0
            steps:
              - id: talk
                action: shell
                with: { command: [sh, -c, "read x < {{fifo}}; seq 1 40000"] }
            """;
        var id = await Flow.StartUntilRunningAsync(harness.Engine, Flow.Request(yaml), "talk");
        await harness.Engine.History.RunOnWriterAsync(connection =>
            connection.Execute($"PRAGMA max_page_count = {connection.ExecuteScalar<long>("PRAGMA page_count")}"));

        await Flow.WriteFifoAsync(fifo);
        var error = await Assert.ThrowsAsync<HistoryWriteException>(() => Flow.SettleAsync(harness.Engine, id));

        await harness.Engine.History.RunOnWriterAsync(connection => connection.Execute("PRAGMA max_page_count = 1073741823"));
        Assert.Contains(harness.Engine.History.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("full", error.Message, StringComparison.Ordinal);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Contains("resume", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait(TestStore.Trait, TestStore.SqliteOnly)] // fills the file with PRAGMA max_page_count
    [InlineData(false)]
    [InlineData(true)]
    public async Task StartAsync_HistoryFullAtTheStart_ThrowsAndHoldsNothing(bool dryRun)
    {
        await using var harness = await StartAsync();
        // A comment of 64 KB: the playbook's text is stored with the start, so it needs pages the full file cannot add.
        var yaml = "# " + new string('x', 64 * 1024) + "\n" + """
            id: full-at-start
            name: Full at start
            version: 1.0.0
            steps:
              - id: only
                action: log
                with: { message: hi }
            """;
        await harness.Engine.History.RunOnWriterAsync(connection =>
            connection.Execute($"PRAGMA max_page_count = {connection.ExecuteScalar<long>("PRAGMA page_count")}"));

        await Assert.ThrowsAsync<HistoryWriteException>(() => harness.Engine.StartAsync(Flow.Request(yaml, dryRun: dryRun), null, CancellationToken.None));

        // The start that could not be recorded is not held: no lease kept for it, no count of a run that does not exist.
        Assert.Equal(0, harness.Engine.HeldExecutions);
        await harness.Engine.History.RunOnWriterAsync(connection => connection.Execute("PRAGMA max_page_count = 1073741823"));
        var started = await harness.Engine.StartAsync(Flow.Request(yaml, dryRun: dryRun), null, CancellationToken.None);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(harness.Engine, started.ExecutionId)).Status);
    }
}
