using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Writes;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Run on both stores: <see cref="HistoryStoreWriterTestsOnSqlite"/> and <see cref="HistoryStoreWriterTestsOnPostgres"/>.</summary>
public abstract class HistoryStoreWriterTests(StoreKind kind) : IAsyncLifetime
{
    private StoreHome home = null!;

    public async Task InitializeAsync() => home = await StoreHome.CreateAsync(kind);

    public async Task DisposeAsync() => await home.DisposeAsync();

    [Fact]
    public async Task WriteAsync_200ConcurrentCallers_AllRowsArriveAndNoCallerTakesTwoTransactions()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        var before = store.CommittedTransactions;

        // Two hundred callers on the thread pool at once; nothing orders them but the writer.
        var writes = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "line " + i)))))
            .ToArray();
        await Task.WhenAll(writes);

        // How many share a commit depends on the scheduler (an idle writer commits at once, on the caller's
        // thread); the paused-writer test below proves the sharing itself.
        var transactions = store.CommittedTransactions - before;
        Assert.InRange(transactions, 1, 200);
        var page = await store.GetLogsAsync(new() { ExecutionId = "run-1", Limit = 1000 }, CancellationToken.None);
        Assert.Equal(200, page.Entries.Count);
        Assert.Equal(200, page.Entries.Select(entry => entry.Message).Distinct().Count());
    }

    [Fact]
    public async Task WriteAsync_QueuedWhileTheWriterIsBusy_CommitTogetherInOneTransaction()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        using var pause = new WriterPause(store);
        var before = store.CommittedTransactions;

        var writes = Enumerable.Range(0, 200).Select(i => store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "line " + i)))).ToArray();
        await pause.ReleaseAsync();
        await Task.WhenAll(writes);

        Assert.Equal(1, store.CommittedTransactions - before);
    }

    [Fact]
    public async Task WriteAsync_OneBadBatchInAGroup_FailsAloneAndTheOthersCommit()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        using var pause = new WriterPause(store);

        var good1 = store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "before")));
        var bad = store.WriteAsync(new HistoryWrite.AppendLog(Log("no-such-run", "orphan")));
        var good2 = store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "after")));
        await pause.ReleaseAsync();

        await good1;
        await good2;
        var error = await Assert.ThrowsAsync<HistoryWriteException>(() => bad);
        Assert.Contains("append_log no-such-run", error.Message, StringComparison.Ordinal);
        Assert.Contains("save the playbook version before its execution", error.Message, StringComparison.Ordinal);
        var logs = await store.GetLogsAsync(new() { ExecutionId = "run-1" }, CancellationToken.None);
        Assert.Equal(["before", "after"], logs.Entries.Select(entry => entry.Message));
    }

    [Fact]
    public async Task WriteAsync_Completed_IsVisibleToAReaderAtOnce()
    {
        await using var store = await home.OpenAsync();
        await using var other = await home.OpenAsync();
        for (var i = 0; i < 20; i++)
        {
            await store.WriteAsync(Started("run-" + i));

            Assert.NotNull(await store.GetExecutionAsync("run-" + i, CancellationToken.None));
            Assert.NotNull(await other.GetExecutionAsync("run-" + i, CancellationToken.None));
        }
    }

    [Fact]
    public async Task TwoStoresOnOneFile_WriteAtTheSameTime_EachSeesTheOthersRows()
    {
        await using var first = await home.OpenAsync();
        await using var second = await home.OpenAsync();
        await first.WriteAsync(Started("run-1"));

        var writes = Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            Task.Run(() => first.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "first " + i)))),
            Task.Run(() => second.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "second " + i)))),
        }).ToArray();
        await Task.WhenAll(writes);
        await second.WriteAsync(Started("run-2"));

        Assert.NotNull(await first.GetExecutionAsync("run-2", CancellationToken.None));
        foreach (var store in new[] { first, second })
        {
            var logs = await store.GetLogsAsync(new() { ExecutionId = "run-1", Limit = 1000 }, CancellationToken.None);
            Assert.Equal(100, logs.Entries.Count);
        }
    }

    [Fact]
    public async Task DisposeAsync_WithWritesQueued_CommitsThemThenRefusesNewOnes()
    {
        var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        using var pause = new WriterPause(store);
        var queued = Enumerable.Range(0, 50).Select(i => store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "line " + i)))).ToArray();

        var disposing = store.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => { _ = store.WriteAsync(Started("run-2")); });
        _ = pause.ReleaseAsync();
        await disposing;

        await Task.WhenAll(queued);
        await using var reopened = await home.OpenAsync();
        var logs = await reopened.GetLogsAsync(new() { ExecutionId = "run-1" }, CancellationToken.None);
        Assert.Equal(50, logs.Entries.Count);
        Assert.Null(await reopened.GetExecutionAsync("run-2", CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetExecutionAsync("run-1", CancellationToken.None));
    }
}

public sealed class HistoryStoreWriterTestsOnSqlite() : HistoryStoreWriterTests(StoreKind.Sqlite);

public sealed class HistoryStoreWriterTestsOnPostgres() : HistoryStoreWriterTests(StoreKind.Postgres);
