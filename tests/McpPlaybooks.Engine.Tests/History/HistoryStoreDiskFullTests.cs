using Dapper;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Writes;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

public sealed class HistoryStoreDiskFullTests : IDisposable
{
    private readonly HistoryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task WriteAsync_DatabaseFull_FailsClearlyThenReadsAndLaterWritesWork()
    {
        await using var store = await folder.OpenAsync();
        await store.WriteAsync(Started("run-1"));

        // SQLITE_FULL without filling a disk: the writer's connection may not grow the file any more.
        await store.RunOnWriterAsync(connection =>
            connection.Execute($"PRAGMA max_page_count = {connection.ExecuteScalar<long>("PRAGMA page_count")}"));
        var big = new HistoryWrite.AppendLog(Log("run-1", new string('x', 256 * 1024)));

        var error = await Assert.ThrowsAsync<HistoryWriteException>(() => store.WriteAsync(big));

        Assert.Equal(13, error.SqliteErrorCode);
        Assert.Equal(folder.DatabasePath, error.DatabasePath);
        Assert.Contains("The disk or the database is full", error.Message, StringComparison.Ordinal);
        Assert.Contains("Free space", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("append_log run-1", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await store.GetExecutionAsync("run-1", CancellationToken.None));

        await store.RunOnWriterAsync(connection => connection.Execute("PRAGMA max_page_count = 1073741823"));
        await store.WriteAsync(big);

        var logs = await store.GetLogsAsync(new() { ExecutionId = "run-1" }, CancellationToken.None);
        Assert.Single(logs.Entries);
    }
}
