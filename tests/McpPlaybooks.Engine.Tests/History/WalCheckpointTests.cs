using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Writes;
using Microsoft.Data.Sqlite;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>The SQLite file's write-ahead log is copied into the database file beside the commits, not by one of them.</summary>
public sealed class WalCheckpointTests : IDisposable
{
    private readonly HistoryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Commits_PastTheThreshold_AreCopiedIntoTheDatabaseFileWhileTheStoreIsOpen()
    {
        await using var store = await folder.OpenAsync();
        await store.WriteAsync(Started("run-1"));

        // One commit each, past one threshold but short of the second; far short of SQLite's own automatic checkpoint.
        for (var i = 1; i < SqliteWalCheckpointer.CommitsPerCheckpoint + 60; i++)
        {
            await store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "line " + i)));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (store.Checkpoints == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, store.Checkpoints);

        // The database file alone, without its log: what the checkpoint copied into it.
        var copy = Path.Combine(folder.Root, "copy.db");
        File.Copy(folder.DatabasePath, copy);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM logs WHERE execution_id = 'run-1'";
        var copied = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        // The checkpoint began at the threshold's commit (the execution's own, then the lines) and copied at least that far.
        Assert.InRange(copied, SqliteWalCheckpointer.CommitsPerCheckpoint - 1, SqliteWalCheckpointer.CommitsPerCheckpoint + 59);
    }

    [Fact]
    public async Task DisposeAsync_RightAfterTheThreshold_WaitsForTheCheckpointAndKeepsEveryCommit()
    {
        var store = await folder.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        for (var i = 1; i < SqliteWalCheckpointer.CommitsPerCheckpoint; i++)
        {
            await store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "line " + i)));
        }

        await store.DisposeAsync();

        await using var reopened = await folder.OpenAsync();
        var page = await reopened.GetLogsAsync(new() { ExecutionId = "run-1", Limit = 1000 }, CancellationToken.None);
        Assert.Equal(SqliteWalCheckpointer.CommitsPerCheckpoint - 1, page.Entries.Count);
    }
}
