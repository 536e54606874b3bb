using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Run on both stores: <see cref="HistoryStorePagingTestsOnSqlite"/> and <see cref="HistoryStorePagingTestsOnPostgres"/>.</summary>
public abstract class HistoryStorePagingTests(StoreKind kind) : IAsyncLifetime
{
    private StoreHome home = null!;

    public async Task InitializeAsync() => home = await StoreHome.CreateAsync(kind);

    public async Task DisposeAsync() => await home.DisposeAsync();

    [Fact]
    public async Task GetLogsAsync_FollowingTheCursor_ReturnsEveryLineOnceInOrder()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync([.. Started("run-1"), .. Started("run-2"), .. Lines("run-1", 25), .. Lines("run-2", 5)]);

        var seen = new List<ExecutionLogRecord>();
        long? cursor = null;
        while (true)
        {
            var page = await store.GetLogsAsync(new() { ExecutionId = "run-1", AfterId = cursor, Limit = 10 }, CancellationToken.None);
            if (page.Entries.Count == 0)
            {
                Assert.Equal(cursor, page.NextCursor);
                break;
            }

            Assert.Equal(page.Entries[^1].Id, page.NextCursor);
            seen.AddRange(page.Entries);
            cursor = page.NextCursor;
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => "line " + i), seen.Select(entry => entry.Message));
        await store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "late")));
        var follow = await store.GetLogsAsync(new() { ExecutionId = "run-1", AfterId = cursor }, CancellationToken.None);
        Assert.Equal("late", Assert.Single(follow.Entries).Message);
    }

    [Fact]
    public async Task GetLogsAsync_LevelAndStepFilters_KeepOnlyMatchingLines()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync([.. Started("run-1"), .. Lines("run-1", 24)]);

        var warnings = await store.GetLogsAsync(new() { ExecutionId = "run-1", MinimumLevel = ExecutionLogLevel.Warning }, CancellationToken.None);
        var restart = await store.GetLogsAsync(new() { ExecutionId = "run-1", StepId = "restart", MinimumLevel = ExecutionLogLevel.Info }, CancellationToken.None);

        Assert.Equal(12, warnings.Entries.Count);
        Assert.All(warnings.Entries, entry => Assert.True(entry.Level >= ExecutionLogLevel.Warning));
        Assert.Equal(6, restart.Entries.Count);
        Assert.All(restart.Entries, entry => Assert.True(entry.StepId == "restart" && entry.Level >= ExecutionLogLevel.Info));
    }

    [Fact]
    public async Task GetLogsAsync_LimitAboveTheCap_ReturnsAtMost1000()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync([.. Started("run-1"), .. Lines("run-1", 1010)]);

        var page = await store.GetLogsAsync(new() { ExecutionId = "run-1", Limit = 5000 }, CancellationToken.None);

        Assert.Equal(1000, page.Entries.Count);
    }

    [Fact]
    public async Task ListExecutionsAsync_PagedByCursor_NewestFirstWithTiesById()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync([.. Started("seed"), .. Runs()]);

        var ids = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.ListExecutionsAsync(new() { PlaybookId = "restart-nginx", Limit = 3, Cursor = cursor }, CancellationToken.None);
            ids.AddRange(page.Executions.Select(execution => execution.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "seed", "run-0"], ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListExecutionsAsync_Filters_SelectByPlaybookStatusAndActivity()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync([.. Started("other", "rotate-logs"), new HistoryWrite.SavePlaybookVersion(Playbook()), .. Runs()]);

        var failed = await store.ListExecutionsAsync(new() { Statuses = [ExecutionStatus.Failed, ExecutionStatus.Cancelled] }, CancellationToken.None);
        var active = await store.ListExecutionsAsync(new() { ActiveOnly = true, PlaybookId = "restart-nginx" }, CancellationToken.None);
        var other = await store.ListExecutionsAsync(new() { PlaybookId = "rotate-logs" }, CancellationToken.None);

        Assert.Equal(["run-5", "run-2", "run-1"], failed.Executions.Select(execution => execution.Id));
        Assert.Null(failed.NextCursor);
        Assert.Equal(["run-6", "run-3", "run-0"], active.Executions.Select(execution => execution.Id));
        Assert.Equal("other", Assert.Single(other.Executions).Id);
    }

    [Fact]
    public async Task ChildrenOfAParent_ListedByFilterFirstFewAndCount_OnlyTheirOwn()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync([
            .. Started("top"), .. Started("other-parent"),
            .. Enumerable.Range(0, 5).Select(i => new HistoryWrite.SaveExecution(Run("child-" + i, createdAt: T0.AddSeconds(i + 1)) with { ParentExecutionId = "top" })),
            new HistoryWrite.SaveExecution(Run("not-mine", createdAt: T0.AddSeconds(9)) with { ParentExecutionId = "other-parent" }),
        ]);

        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var page = await store.ListExecutionsAsync(new() { ParentExecutionId = "top", Limit = 2, Cursor = cursor }, CancellationToken.None);
            listed.AddRange(page.Executions.Select(execution => execution.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        var firstThree = await store.ListChildrenAsync("top", 3, CancellationToken.None);

        Assert.Equal(["child-4", "child-3", "child-2", "child-1", "child-0"], listed);
        Assert.Equal(["child-0", "child-1", "child-2"], firstThree.Select(execution => execution.Id));
        Assert.Equal(5, await store.CountChildrenAsync("top", CancellationToken.None));
        Assert.Equal(1, await store.CountChildrenAsync("other-parent", CancellationToken.None));
        Assert.Equal(0, await store.CountChildrenAsync("child-0", CancellationToken.None));
    }

    [Fact]
    public async Task ListExecutionsAsync_CursorNotFromTheStore_IsRefused()
    {
        await using var store = await home.OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ListExecutionsAsync(new() { Cursor = "not a cursor" }, CancellationToken.None));

        Assert.Contains("NextCursor", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Levels cycle Debug, Info, Warning, Error; steps cycle none, restart, check.</summary>
    private static IEnumerable<HistoryWrite> Lines(string executionId, int count) =>
        Enumerable.Range(0, count).Select(i => new HistoryWrite.AppendLog(
            Log(executionId, "line " + i, (ExecutionLogLevel)(i % 4), (i % 3) switch { 0 => null, 1 => "restart", _ => "check" })));

    /// <summary>Seven runs of restart-nginx; run-1 and run-2 share a creation time, later runs are newer; run-0 is as old as <see cref="Started"/>'s.</summary>
    private static IEnumerable<HistoryWrite> Runs()
    {
        ExecutionStatus[] statuses =
        [
            ExecutionStatus.Running, ExecutionStatus.Failed, ExecutionStatus.Cancelled, ExecutionStatus.WaitingApproval,
            ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Paused,
        ];
        return statuses.Select((status, i) => new HistoryWrite.SaveExecution(
            Run("run-" + i, status: status, createdAt: T0.AddSeconds(i == 2 ? 1 : i))));
    }
}

public sealed class HistoryStorePagingTestsOnSqlite() : HistoryStorePagingTests(StoreKind.Sqlite);

public sealed class HistoryStorePagingTestsOnPostgres() : HistoryStorePagingTests(StoreKind.Postgres);
