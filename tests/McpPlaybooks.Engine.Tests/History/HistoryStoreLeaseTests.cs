using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Writes;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Run on both stores: <see cref="HistoryStoreLeaseTestsOnSqlite"/> and <see cref="HistoryStoreLeaseTestsOnPostgres"/>.</summary>
public abstract class HistoryStoreLeaseTests(StoreKind kind) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Lease = T0.AddSeconds(30);
    private StoreHome home = null!;

    public async Task InitializeAsync() => home = await StoreHome.CreateAsync(kind);

    public async Task DisposeAsync() => await home.DisposeAsync();

    [Fact]
    public async Task SaveExecution_AgainAfterAClaim_KeepsTheLeaseAndWritesTheNewColumns()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        Assert.True(await store.TryClaimAsync("run-1", "host-a", Lease, T0, None));

        var saved = Run("run-1", status: ExecutionStatus.Paused) with
        {
            OwnerId = null,
            LeaseExpiresAt = null,
            Depth = 2,
            ActiveMs = 1234,
            RunningSince = T0.AddSeconds(5),
        };
        await store.WriteAsync(new HistoryWrite.SaveExecution(saved));

        var read = await store.GetExecutionAsync("run-1", None);
        Assert.Equal(saved with { OwnerId = "host-a", LeaseExpiresAt = Lease, LeaseEpoch = 1 }, read);
    }

    [Fact]
    public async Task SaveExecution_NewRow_TakesTheOwnerFromTheRecord()
    {
        await using var store = await home.OpenAsync();
        var run = Run("run-1") with { OwnerId = "host-a", LeaseExpiresAt = Lease };
        await store.WriteAsync([new HistoryWrite.SavePlaybookVersion(Playbook()), new HistoryWrite.SaveExecution(run)]);

        Assert.Equal("host-a", await store.GetOwnerAsync("run-1", T0, None));
        Assert.False(await store.TryClaimAsync("run-1", "host-b", Lease, T0, None));
    }

    [Fact]
    public async Task TryClaimAsync_FreeOwnLiveExpiredAndFinished_ClaimsOnlyWhenAllowed()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync(new HistoryWrite.SaveExecution(Run("done", status: ExecutionStatus.Completed)));

        Assert.True(await store.TryClaimAsync("run-1", "host-a", Lease, T0, None));
        Assert.True(await store.TryClaimAsync("run-1", "host-a", Lease.AddSeconds(10), T0, None));
        Assert.False(await store.TryClaimAsync("run-1", "host-b", Lease, T0.AddSeconds(40), None));
        Assert.Equal("host-a", await store.GetOwnerAsync("run-1", T0.AddSeconds(40), None));

        // host-a's lease ran until Lease + 10 s; a minute later it is expired.
        Assert.True(await store.TryClaimAsync("run-1", "host-b", T0.AddSeconds(90), T0.AddSeconds(60), None));
        Assert.Equal("host-b", await store.GetOwnerAsync("run-1", T0.AddSeconds(60), None));
        Assert.False(await store.TryClaimAsync("done", "host-a", Lease, T0, None));
        Assert.False(await store.TryClaimAsync("missing", "host-a", Lease, T0, None));
        Assert.Null(await store.GetOwnerAsync("done", T0, None));
    }

    [Fact]
    public async Task TryReopenAsync_FinishedLiveAndMissing_ClaimsAnEndedRunUnlessAnotherOwnerHoldsIt()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync(new HistoryWrite.SaveExecution(Run("done", status: ExecutionStatus.Failed)));

        Assert.True(await store.TryReopenAsync("done", "host-a", Lease, T0, None));
        Assert.Equal("host-a", await store.GetOwnerAsync("done", T0, None));
        Assert.False(await store.TryReopenAsync("done", "host-b", Lease, T0, None));
        Assert.True(await store.TryReopenAsync("run-1", "host-b", Lease, T0, None));
        Assert.False(await store.TryReopenAsync("missing", "host-a", Lease, T0, None));
    }

    [Fact]
    public async Task GetOwnerAsync_AfterTheLeaseExpires_ReturnsNull()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.TryClaimAsync("run-1", "host-a", Lease, T0, None);

        Assert.Equal("host-a", await store.GetOwnerAsync("run-1", Lease, None));
        Assert.Null(await store.GetOwnerAsync("run-1", Lease.AddMilliseconds(1), None));
    }

    [Fact]
    public async Task RenewLeasesAsync_OwnUnfinishedOnly_ExtendsAndCounts()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync([new HistoryWrite.SaveExecution(Run("run-2")), new HistoryWrite.SaveExecution(Run("run-3")), new HistoryWrite.SaveExecution(Run("run-4"))]);
        await store.TryClaimAsync("run-1", "host-a", Lease, T0, None);
        await store.TryClaimAsync("run-2", "host-a", Lease, T0, None);
        await store.TryClaimAsync("run-3", "host-b", Lease, T0, None);
        await store.TryClaimAsync("run-4", "host-a", Lease, T0, None);
        await store.WriteAsync(new HistoryWrite.SaveExecution(Run("run-4", status: ExecutionStatus.Failed)));

        var renewed = await store.RenewLeasesAsync("host-a", T0.AddMinutes(5), None);

        Assert.Equal(["run-1", "run-2"], renewed.Order(StringComparer.Ordinal));
        Assert.Equal(T0.AddMinutes(5), (await store.GetExecutionAsync("run-2", None))!.LeaseExpiresAt);
        Assert.Equal(Lease, (await store.GetExecutionAsync("run-3", None))!.LeaseExpiresAt);
        Assert.Equal(Lease, (await store.GetExecutionAsync("run-4", None))!.LeaseExpiresAt);
    }

    [Fact]
    public async Task ReleaseAsync_OnlyTheHoldersLease_IsCleared()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync([new HistoryWrite.SaveExecution(Run("run-2")), new HistoryWrite.SaveExecution(Run("run-3"))]);
        await store.TryClaimAsync("run-1", "host-a", Lease, T0, None);
        await store.TryClaimAsync("run-2", "host-a", Lease, T0, None);
        await store.TryClaimAsync("run-3", "host-b", Lease, T0, None);

        await store.ReleaseAsync("host-b", "run-1", None);
        Assert.Equal("host-a", await store.GetOwnerAsync("run-1", T0, None));

        await store.ReleaseAsync("host-a", "run-1", None);
        var released = await store.GetExecutionAsync("run-1", None);
        Assert.Null(released!.OwnerId);
        Assert.Null(released.LeaseExpiresAt);

        await store.ReleaseAllAsync("host-a", None);
        Assert.Null(await store.GetOwnerAsync("run-2", T0, None));
        Assert.Equal("host-b", await store.GetOwnerAsync("run-3", T0, None));
    }

    [Fact]
    public async Task ListClaimableAsync_Mix_ReturnsFreeAndExpiredRealUnfinishedOldestFirst()
    {
        await using var store = await home.OpenAsync();
        await WriteMixAsync(store);

        var claimable = await store.ListClaimableAsync(T0.AddSeconds(1), 10, None);
        var firstTwo = await store.ListClaimableAsync(T0.AddSeconds(1), 2, None);

        Assert.Equal(["free-old", "expired", "free-new"], claimable.Select(run => run.Id));
        Assert.Equal(["free-old", "expired"], firstTwo.Select(run => run.Id));
        var unfinished = await store.ListUnfinishedAsync(None);
        Assert.Equal(["dry", "live", "free-old", "expired", "free-new"], unfinished.Select(run => run.Id));
    }

    [Fact]
    public async Task TryClaimAsync_TwoStoresRaceOnOneFile_ExactlyOneWinsEveryTime()
    {
        await using var first = await home.OpenAsync();
        await using var second = await home.OpenAsync();
        await first.WriteAsync(new HistoryWrite.SavePlaybookVersion(Playbook()));

        for (var round = 0; round < 20; round++)
        {
            var id = "race-" + round;
            await first.WriteAsync(new HistoryWrite.SaveExecution(Run(id)));
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var a = Task.Run(async () =>
            {
                await go.Task;
                return await first.TryClaimAsync(id, "host-a", Lease, T0, None);
            });
            var b = Task.Run(async () =>
            {
                await go.Task;
                return await second.TryClaimAsync(id, "host-b", Lease, T0, None);
            });
            go.SetResult();
            var results = await Task.WhenAll(a, b);

            Assert.Single(results, won => won);
            var expected = results[0] ? "host-a" : "host-b";
            Assert.Equal(expected, await second.GetOwnerAsync(id, T0, None));
        }
    }

    [Fact]
    public async Task TryClaimAsync_CountsAsOneCommittedTransaction()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        var before = store.CommittedTransactions;

        await store.TryClaimAsync("run-1", "host-a", Lease, T0, None);
        await store.RenewLeasesAsync("host-a", Lease, None);

        Assert.Equal(2, store.CommittedTransactions - before);
    }

    [Fact]
    public async Task ClaimBatchAsync_FreeAndExpiredExecutions_ClaimsThemOldestFirstInOneTransaction()
    {
        await using var store = await home.OpenAsync();
        await WriteMixAsync(store);
        var before = store.CommittedTransactions;

        var first = await store.ClaimBatchAsync("host-b", Lease, T0.AddSeconds(1), 2, None);
        var rest = await store.ClaimBatchAsync("host-b", Lease, T0.AddSeconds(1), 10, None);
        var none = await store.ClaimBatchAsync("host-c", Lease, T0.AddSeconds(1), 10, None);

        Assert.Equal(["expired", "free-old"], first.Order(StringComparer.Ordinal));
        Assert.Equal(["free-new"], rest);
        Assert.Empty(none);
        Assert.Equal(3, store.CommittedTransactions - before);
        foreach (var id in (string[])["free-old", "expired", "free-new"])
        {
            Assert.Equal("host-b", await store.GetOwnerAsync(id, T0.AddSeconds(1), None));
        }

        Assert.Equal("alive", await store.GetOwnerAsync("live", T0.AddSeconds(1), None));
    }

    [Fact]
    public async Task TryClaimAsync_AfterDispose_Throws()
    {
        var store = await home.OpenAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.TryClaimAsync("run-1", "host-a", Lease, T0, None));
    }

    /// <summary>Two free executions (newest first), one whose lease expired, one leased live, a dry run and a finished one.</summary>
    private static async Task WriteMixAsync(HistoryStore store)
    {
        await store.WriteAsync(new HistoryWrite.SavePlaybookVersion(Playbook()));
        await store.WriteAsync(
        [
            new HistoryWrite.SaveExecution(Run("free-new", createdAt: T0.AddSeconds(3))),
            new HistoryWrite.SaveExecution(Run("free-old", createdAt: T0.AddSeconds(1))),
            new HistoryWrite.SaveExecution(Run("expired", status: ExecutionStatus.WaitingApproval, createdAt: T0.AddSeconds(2)) with { OwnerId = "dead", LeaseExpiresAt = T0 }),
            new HistoryWrite.SaveExecution(Run("live") with { OwnerId = "alive", LeaseExpiresAt = Lease }),
            new HistoryWrite.SaveExecution(Run("dry") with { DryRun = true }),
            new HistoryWrite.SaveExecution(Run("ended", status: ExecutionStatus.RolledBack)),
        ]);
    }
}

public sealed class HistoryStoreLeaseTestsOnSqlite() : HistoryStoreLeaseTests(StoreKind.Sqlite)
{
    [Fact]
    public async Task ListClaimableSql_ForcedOntoTheUnfinishedIndex_HasAPlan()
    {
        // The query says INDEXED BY the partial index, which SQLite refuses ("no query solution") unless the
        // query's WHERE implies the index's: this fails as soon as LeaseStatements.UnfinishedList and the
        // migration's list differ. (Unforced, the planner would pick ix_executions_status on an empty file.)
        using var folder = new HistoryFolder();
        await using (await folder.OpenAsync())
        {
        }

        using var connection = folder.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN "
            + ReadStatements.For(SqlDialect.Sqlite).ListClaimableSql;
        command.Parameters.AddWithValue("@Now", 0L);
        command.Parameters.AddWithValue("@Limit", 10);
        var details = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                details.Add(reader.GetString(3));
            }
        }

        Assert.Contains(details, detail => detail.Contains("ix_executions_unfinished", StringComparison.Ordinal));
    }
}

public sealed class HistoryStoreLeaseTestsOnPostgres() : HistoryStoreLeaseTests(StoreKind.Postgres);
