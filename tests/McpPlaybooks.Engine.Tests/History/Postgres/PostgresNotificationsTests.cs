using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>
/// Two stores on one schema, as two servers: what one commits wakes the other's subscribers through LISTEN/NOTIFY (the
/// engine-level behaviour is in <c>Execution/Durability/PostgresWakeTests</c>).
/// </summary>
public sealed class PostgresNotificationsTests : IAsyncLifetime
{
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task WakeWhenHandled_OutcomeCommittedByAnotherStore_WakesOnlyThatRequestsWaiter()
    {
        var logs = new LogEvents();
        await using var waiting = await OpenAsync(logs);
        await using var owner = await OpenAsync(null);
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = 0;
        using var forOther = waiting.WakeWhenHandled(41, () => Interlocked.Increment(ref other));
        using var forThis = waiting.WakeWhenHandled(42, woken.SetResult);
        await logs.FirstAsync(3013).WaitAsync(TimeSpan.FromSeconds(30));

        await owner.WriteAsync(new HistoryWrite.CompleteControlRequest(42, TimeProvider.System.GetUtcNow(), null));

        await woken.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, Volatile.Read(ref other));
    }

    [Fact]
    public async Task WakeOnRequests_Sqlite_NeverListens()
    {
        await using var home = await StoreHome.CreateAsync(StoreKind.Sqlite);
        await using var store = await home.OpenAsync();

        using var subscription = store.WakeOnRequests("me", () => { });

        Assert.Null(store.Notifications);
    }

    [Fact]
    public async Task Subscribe_AfterTheStoreClosedItsListener_WakesNobodyAndDoesNotThrow()
    {
        await using var store = await OpenAsync(null);
        await store.Notifications!.DisposeAsync();

        using var subscription = store.Notifications.Subscribe("me", () => throw new InvalidOperationException("woken"));

        Assert.Equal(0, store.Notifications.ProcessId);
    }

    private Task<HistoryStore> OpenAsync(LogEvents? logs) =>
        HistoryStore.OpenAsync(_schema.Location, TimeProvider.System, logs?.CreateLogger("history"), killAfterCommits: null, checkBeside: false, CancellationToken.None);
}
