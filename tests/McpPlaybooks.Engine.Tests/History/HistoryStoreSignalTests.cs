using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>Run on both stores: <see cref="HistoryStoreSignalTestsOnSqlite"/> and <see cref="HistoryStoreSignalTestsOnPostgres"/>.</summary>
public abstract class HistoryStoreSignalTests(StoreKind kind) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private StoreHome home = null!;

    public async Task InitializeAsync() => home = await StoreHome.CreateAsync(kind);

    public async Task DisposeAsync() => await home.DisposeAsync();

    [Fact]
    public async Task AppendSignalAsync_ThenConsume_ReturnsIdsAndFiltersConsumed()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));

        var first = await store.AppendSignalAsync(Signal("run-1", "deployed"), None);
        await store.WriteAsync(new HistoryWrite.AppendSignal(Signal("run-1", "rolled")));
        var third = await store.AppendSignalAsync(Signal("run-1", "deployed") with { Correlation = null, PayloadJson = null }, None);
        await store.WriteAsync(new HistoryWrite.ConsumeSignal(first, "wait-deploy", T0.AddMinutes(1)));

        var all = await store.GetSignalsAsync("run-1", unconsumedOnly: false, None);
        var open = await store.GetSignalsAsync("run-1", unconsumedOnly: true, None);

        Assert.Equal(3, all.Count);
        Assert.True(third > first);
        Assert.Equal(Signal("run-1", "deployed") with { Id = first, ConsumedBy = "wait-deploy", ConsumedAt = T0.AddMinutes(1) }, all[0]);
        Assert.Equal(["rolled", "deployed"], open.Select(s => s.Type));
        Assert.Equal(third, open[1].Id);
        Assert.Null(open[1].Correlation);
    }

    [Fact]
    public async Task ConsumeSignal_AlreadyConsumed_KeepsTheFirstConsumer()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        var id = await store.AppendSignalAsync(Signal("run-1", "deployed"), None);

        await store.WriteAsync(new HistoryWrite.ConsumeSignal(id, "first", T0.AddMinutes(1)));
        await store.WriteAsync(new HistoryWrite.ConsumeSignal(id, "second", T0.AddMinutes(2)));

        var signal = Assert.Single(await store.GetSignalsAsync("run-1", unconsumedOnly: false, None));
        Assert.Equal("first", signal.ConsumedBy);
        Assert.Equal(T0.AddMinutes(1), signal.ConsumedAt);
    }

    [Fact]
    public async Task AppendSignalAsync_UnknownExecution_FaultsWithHistoryWriteException()
    {
        await using var store = await home.OpenAsync();

        var error = await Assert.ThrowsAsync<HistoryWriteException>(() => store.AppendSignalAsync(Signal("missing", "deployed"), None));

        Assert.Contains("append_signal missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendControlRequestAsync_RoundTrip_OwnerSeesItUntilHandled()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync([new HistoryWrite.SaveExecution(Run("run-2")), new HistoryWrite.SaveExecution(Run("run-3"))]);
        await store.TryClaimAsync("run-1", "host-a", T0.AddSeconds(30), T0, None);
        await store.TryClaimAsync("run-2", "host-a", T0.AddSeconds(30), T0, None);
        await store.TryClaimAsync("run-3", "host-b", T0.AddSeconds(30), T0, None);

        var retry = await store.AppendControlRequestAsync(Request("run-1", "retry_step"), None);
        await store.WriteAsync(new HistoryWrite.AppendControlRequest(Request("run-3", "pause")));
        var approve = await store.AppendControlRequestAsync(Request("run-2", "approve"), None);

        var pending = await store.GetPendingControlRequestsAsync("host-a", None);
        Assert.Equal([retry, approve], pending.Select(r => r.Id));
        Assert.Equal(Request("run-1", "retry_step") with { Id = retry }, pending[0]);

        await store.WriteAsync(
        [
            new HistoryWrite.CompleteControlRequest(retry, T0.AddSeconds(5), null),
            new HistoryWrite.CompleteControlRequest(approve, T0.AddSeconds(6), "The gate is closed."),
        ]);

        Assert.Empty(await store.GetPendingControlRequestsAsync("host-a", None));
        Assert.Single(await store.GetPendingControlRequestsAsync("host-b", None));
        var refused = await store.GetControlRequestAsync(approve, None);
        Assert.Equal(Request("run-2", "approve") with { Id = approve, HandledAt = T0.AddSeconds(6), Error = "The gate is closed." }, refused);
        Assert.Null((await store.GetControlRequestAsync(retry, None))!.Error);
        Assert.Null(await store.GetControlRequestAsync(9999, None));
    }

    private static SignalRecord Signal(string executionId, string type) => new()
    {
        ExecutionId = executionId,
        Type = type,
        Correlation = "deploy-42",
        PayloadJson = "{\"version\":\"1.2.3\"}",
        SentBy = "ci:pipeline",
        At = T0,
    };

    private static ControlRequestRecord Request(string executionId, string action) => new()
    {
        ExecutionId = executionId,
        Action = action,
        PayloadJson = "{\"step\":\"deploy\"}",
        RequestedBy = "cli:alice",
        RequestedAt = T0,
    };
}

public sealed class HistoryStoreSignalTestsOnSqlite() : HistoryStoreSignalTests(StoreKind.Sqlite);

public sealed class HistoryStoreSignalTestsOnPostgres() : HistoryStoreSignalTests(StoreKind.Postgres);
