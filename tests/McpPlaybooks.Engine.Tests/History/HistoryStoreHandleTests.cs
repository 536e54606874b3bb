using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Run on both stores: <see cref="HistoryStoreHandleTestsOnSqlite"/> and <see cref="HistoryStoreHandleTestsOnPostgres"/>.</summary>
public abstract class HistoryStoreHandleTests(StoreKind kind) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private StoreHome home = null!;

    public async Task InitializeAsync() => home = await StoreHome.CreateAsync(kind);

    public async Task DisposeAsync() => await home.DisposeAsync();

    [Fact]
    public async Task SaveHandleAsync_ThenReopen_TheHandleIsThereForAnotherStore()
    {
        await using (var store = await home.OpenAsync())
        {
            await store.WriteAsync(Started("run-1"));
            await store.SaveHandleAsync(Handle("h-1", "run-1", T0, TimeSpan.FromHours(1)));
        }

        await using var reopened = await home.OpenAsync();
        var handle = await reopened.GetHandleAsync("h-1", None);

        Assert.Equal(Handle("h-1", "run-1", T0, TimeSpan.FromHours(1)), handle);
        Assert.Null(await reopened.GetHandleAsync("h-2", None));
    }

    [Fact]
    public async Task SaveHandleAsync_UnknownExecution_Faults()
    {
        await using var store = await home.OpenAsync();

        await Assert.ThrowsAsync<HistoryWriteException>(() => store.SaveHandleAsync(Handle("h-1", "no-such-run", T0, null)));
    }

    [Fact]
    public async Task ListHandlesAsync_LeavesOutExpiredAndOthersHandles_NewestFirstInPages()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.SaveHandleAsync(Handle("h-old", "run-1", T0, TimeSpan.FromMinutes(1)));
        await store.SaveHandleAsync(Handle("h-1", "run-1", T0.AddMinutes(1), null));
        await store.SaveHandleAsync(Handle("h-2", "run-1", T0.AddMinutes(2), TimeSpan.FromDays(1)));
        await store.SaveHandleAsync(Handle("h-3", "run-1", T0.AddMinutes(3), TimeSpan.FromDays(1)) with { Holder = "bob" });
        var now = T0.AddMinutes(5);

        var first = await store.ListHandlesAsync(new HandleQuery { Now = now, Limit = 1 }, None);
        var second = await store.ListHandlesAsync(new HandleQuery { Now = now, Limit = 1, Cursor = first.NextCursor }, None);
        var bobs = await store.ListHandlesAsync(new HandleQuery { Now = now, Holder = "bob" }, None);
        var all = await store.ListHandlesAsync(new HandleQuery { Now = now, AnyHolder = true }, None);

        Assert.Equal(["h-2"], first.Handles.Select(h => h.Id));
        Assert.Equal(["h-1"], second.Handles.Select(h => h.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal(["h-3"], bobs.Handles.Select(h => h.Id));
        Assert.Equal(["h-3", "h-2", "h-1"], all.Handles.Select(h => h.Id));
    }

    [Fact]
    public async Task SaveHandleAsync_ForgetsTheHandlesExpiredByThen()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.SaveHandleAsync(Handle("h-old", "run-1", T0, TimeSpan.FromMinutes(1)));

        await store.SaveHandleAsync(Handle("h-new", "run-1", T0.AddMinutes(2), TimeSpan.FromMinutes(1)));

        Assert.Null(await store.GetHandleAsync("h-old", None));
        Assert.NotNull(await store.GetHandleAsync("h-new", None));
    }

    [Fact]
    public void IsExpired_AtTheEndOfItsTtl_IsTrue()
    {
        var handle = Handle("h-1", "run-1", T0, TimeSpan.FromMinutes(1));

        Assert.False(handle.IsExpired(T0.AddSeconds(59)));
        Assert.True(handle.IsExpired(T0.AddMinutes(1)));
        Assert.False((handle with { Ttl = null }).IsExpired(T0.AddYears(1)));
    }

    private static ExecutionHandleRecord Handle(string id, string executionId, DateTimeOffset createdAt, TimeSpan? ttl) => new()
    {
        Id = id,
        ExecutionId = executionId,
        Origin = "execute_playbook",
        CreatedAt = createdAt,
        Ttl = ttl,
        PollInterval = TimeSpan.FromSeconds(2),
    };
}

public sealed class HistoryStoreHandleTestsOnSqlite() : HistoryStoreHandleTests(StoreKind.Sqlite);

public sealed class HistoryStoreHandleTestsOnPostgres() : HistoryStoreHandleTests(StoreKind.Postgres);
