using Dapper;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Writes;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Reads go through statements prepared once per read connection; they must read what a fresh statement reads.</summary>
public sealed class ReadStatementCacheTests : IDisposable
{
    private readonly HistoryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task GetExecutionAsync_RepeatedWithOtherIds_ReusesOneStatementAndReadsEachRow()
    {
        await using var store = await folder.OpenAsync();
        await store.WriteAsync([new HistoryWrite.SavePlaybookVersion(Playbook()), .. Enumerable.Range(0, 5).Select(i => new HistoryWrite.SaveExecution(Run("run-" + i)))]);

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal("run-" + i, (await store.GetExecutionAsync("run-" + i, CancellationToken.None))!.Id);
            }

            Assert.Null(await store.GetExecutionAsync("missing", CancellationToken.None));
        }

        // One caller at a time: one connection, kept open with the one statement prepared on it.
        Assert.Equal(1, store.ReadConnections.Idle);
    }

    [Fact]
    public async Task ListExecutionsAsync_AfterRowsChange_ReadsTheNewRowsThroughTheCachedStatement()
    {
        await using var store = await folder.OpenAsync();
        await store.WriteAsync([new HistoryWrite.SavePlaybookVersion(Playbook()), new HistoryWrite.SaveExecution(Run("run-1", createdAt: T0))]);
        var query = new ExecutionQuery { Limit = 10 };
        Assert.Null(await store.GetExecutionAsync("run-2", CancellationToken.None));
        Assert.Equal(["run-1"], (await store.ListExecutionsAsync(query, CancellationToken.None)).Executions.Select(e => e.Id));

        await store.WriteAsync(new HistoryWrite.SaveExecution(Run("run-2", createdAt: T0.AddSeconds(1)) with { Status = ExecutionStatus.Completed }));

        // Both statements ran before the write on the one connection: neither keeps a read of the old snapshot open.
        Assert.Equal(ExecutionStatus.Completed, (await store.GetExecutionAsync("run-2", CancellationToken.None))!.Status);
        Assert.Equal(["run-2", "run-1"], (await store.ListExecutionsAsync(query, CancellationToken.None)).Executions.Select(e => e.Id));
        Assert.Equal(1, store.ReadConnections.Idle);
    }

    [Fact]
    public async Task GetExecutionAsync_SchemaChangedByAnotherConnection_CachedStatementStillReadsTheRow()
    {
        await using var store = await folder.OpenAsync();
        await store.WriteAsync([new HistoryWrite.SavePlaybookVersion(Playbook()), new HistoryWrite.SaveExecution(Run("run-1"))]);
        var before = await store.GetExecutionAsync("run-1", CancellationToken.None);

        // Another process migrates: a new column, a new index, and the table rebuilt (so the statement's plan is stale).
        using (var other = folder.Connect())
        {
            other.Execute("ALTER TABLE executions ADD COLUMN added_later TEXT");
            other.Execute("CREATE INDEX ix_added_later ON executions(added_later)");
            other.Execute("REINDEX executions");
            other.Execute("UPDATE executions SET started_by = 'cli:bob' WHERE id = 'run-1'");
        }

        var after = await store.GetExecutionAsync("run-1", CancellationToken.None);
        Assert.Equal(before! with { StartedBy = "cli:bob" }, after);
    }

    [Fact]
    public async Task QueryAsync_ConcurrentCallers_EachGetsItsOwnConnectionAndRightRows()
    {
        await using var store = await folder.OpenAsync();
        await store.WriteAsync([new HistoryWrite.SavePlaybookVersion(Playbook()), .. Enumerable.Range(0, 20).Select(i => new HistoryWrite.SaveExecution(Run("run-" + i)))]);

        var reads = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
            (await store.GetExecutionAsync("run-" + (i % 20), CancellationToken.None))!.Id == "run-" + (i % 20)));
        Assert.All(await Task.WhenAll(reads), Assert.True);
        Assert.InRange(store.ReadConnections.Idle, 1, ReadConnections.MaxIdle);
    }

    [Fact]
    public async Task QueryAsync_FailingStatement_ConnectionNotLentAgain()
    {
        await using var store = await folder.OpenAsync();
        await store.WriteAsync([new HistoryWrite.SavePlaybookVersion(Playbook()), new HistoryWrite.SaveExecution(Run("run-1"))]);
        Assert.NotNull(await store.GetExecutionAsync("run-1", CancellationToken.None));
        Assert.Equal(1, store.ReadConnections.Idle);

        await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
            store.ReadConnections.QueryAsync("SELECT no_such_column FROM executions", r => r.GetString(0), CancellationToken.None, []));

        Assert.Equal(0, store.ReadConnections.Idle);
        Assert.NotNull(await store.GetExecutionAsync("run-1", CancellationToken.None));
    }
}
