using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Tests.Support;
using Npgsql;
using Xunit.Abstractions;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>
/// The writer's connection to a real PostgreSQL is lost between writes or while one commits: the writes wait, the writer
/// reconnects, and each write is stored once. Lost beyond the bound, the waiting writes fail with one clear message, and the
/// next write after the database is back goes through.
/// </summary>
public sealed class PostgresReconnectTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresTestSchema schema = null!;

    public async Task InitializeAsync() => schema = await PostgresServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await schema.DisposeAsync();

    [Fact]
    public async Task WriteAsync_WriterBackendTerminatedBetweenWrites_ReconnectsAndStoresEachWriteOnce()
    {
        var logs = new LogEvents();
        await using var store = await OpenAsync(schema.Location, TimeProvider.System, logs);
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "before")));
        var before = await WriterProcessAsync(store);

        await TerminateAsync(before);
        await store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "after")));

        Assert.Equal(["before", "after"], await MessagesAsync("run-1"));
        Assert.NotEqual(before, await WriterProcessAsync(store));
        Assert.Contains("Lost the connection to the history database", await logs.FirstAsync(3007), StringComparison.Ordinal);
        Assert.Contains("Reconnected to the history database", await logs.FirstAsync(3008), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, line => line.Message.Contains(schema.Location.Password ?? "\0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_AGroupQueuedWhenTheConnectionIsLost_WaitsAndIsStoredOnceInOrder()
    {
        await using var store = await OpenAsync(schema.Location, TimeProvider.System, new LogEvents());
        await store.WriteAsync(Started("run-1"));
        await TerminateAsync(await WriterProcessAsync(store));

        Task[] writes;
        using (store.PauseWriter())
        {
            writes = Enumerable.Range(0, 50).Select(i => store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "line " + i)))).ToArray();
        }

        await Task.WhenAll(writes);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "line " + i), await MessagesAsync("run-1"));
    }

    [Theory]
    [InlineData("Deliver", "committed")]
    [InlineData("Drop", "rolled back")]
    [InlineData("Hang", "rolled back")]
    public async Task WriteAsync_ConnectionCutWhileCommitting_AsksTheDatabaseAndStoresTheWriteOnce(string how, string outcome)
    {
        var cut = Enum.Parse<PostgresRelay.CommitCut>(how);
        await using var relay = new PostgresRelay(schema.ConnectionString);
        var logs = new LogEvents();
        await using var store = await OpenAsync(LocationOf(relay), TimeProvider.System, logs);
        await store.WriteAsync(Started("run-1"));
        await store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "before")));

        var cutting = relay.CutAtCommit(cut);
        await store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "cut")));
        await cutting;
        await store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "after")));

        Assert.Equal(["before", "cut", "after"], await MessagesAsync("run-1"));
        Assert.Contains("says transaction", await logs.FirstAsync(3010), StringComparison.Ordinal);
        Assert.Contains(outcome, await logs.FirstAsync(3010), StringComparison.Ordinal);
        Assert.Contains("Reconnected", await logs.FirstAsync(3008), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_DatabaseGoneLongerThanTheBound_FailsWithOneClearMessageThenWorksOnceBack()
    {
        await using var relay = new PostgresRelay(schema.ConnectionString);
        var logs = new LogEvents();
        var clock = new ManualTimeProvider();
        var location = LocationOf(relay);
        await using var store = await OpenAsync(location, clock, logs);
        store.ReconnectFor = TimeSpan.FromSeconds(10);
        await store.WriteAsync(Started("run-1"));

        relay.Refuse();
        var first = store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "lost 1")));
        var second = store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "lost 2")));
        await AdvanceUntilDoneAsync(clock, first);

        var error = await Assert.ThrowsAsync<HistoryWriteException>(() => first);
        Assert.Equal(StoreFailure.ConnectionLost, error.Failure);
        output.WriteLine(error.Message);
        Assert.Contains($"The connection to the history database '{location.Display}' was lost and could not be made again within 10 s (", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing of this write was stored", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(schema.Location.Password ?? "\0", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HistoryWriteException>(() => second);
        Assert.Contains("Could not reconnect", await logs.FirstAsync(3009), StringComparison.Ordinal);
        logs.Lines.Where(line => line.EventId is >= 3007 and <= 3011).ToList().ForEach(line => output.WriteLine(line.Message));

        // Given up: a write while it is still gone tries once and fails at once, without a timer.
        var meanwhile = await Assert.ThrowsAsync<HistoryWriteException>(() => store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "lost 3"))));
        Assert.Contains("could not be made again within 10 s, nor again for this write (", meanwhile.Message, StringComparison.Ordinal);

        relay.Accept();
        await store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "back")));
        Assert.Equal(["back"], await MessagesAsync("run-1"));
        Assert.Contains("Reconnected", await logs.FirstAsync(3008), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimAsync_AfterTheWriterReconnected_TheFenceStillRefusesALostLease()
    {
        await using var store = await OpenAsync(schema.Location, TimeProvider.System, new LogEvents());
        store.Fences.Owner = "host:1:me";
        await store.WriteAsync(Started("run-1"));
        var now = TimeProvider.System.GetUtcNow();
        Assert.True(await store.TryClaimAsync("run-1", "host:1:me", now.AddMinutes(1), now, default));

        await TerminateAsync(await WriterProcessAsync(store));
        // Another owner takes the lease over while this writer's connection is gone.
        await using (var other = await OpenAsync(schema.Location, TimeProvider.System, new LogEvents()))
        {
            Assert.True(await other.TryClaimAsync("run-1", "host:2:other", now.AddHours(2), now.AddHours(1), default));
        }

        var late = await Assert.ThrowsAsync<LeaseLostException>(() => store.WriteAsync(new HistoryWrite.AppendLog(Log("run-1", "late"))));
        Assert.Equal("host:2:other", late.HolderId);
        Assert.Empty(await MessagesAsync("run-1"));
    }

    [Fact]
    public async Task OpenAsync_ServerUnreachableAtFirst_WaitsForItWithinTheBound()
    {
        await using var relay = new PostgresRelay(schema.ConnectionString);
        var logs = new LogEvents();
        var clock = new ManualTimeProvider();
        relay.Refuse();
        var opening = HistoryStore.OpenAsync(LocationOf(relay), clock, logs.CreateLogger("history"), null, checkAfter: null, TimeSpan.FromSeconds(30), CancellationToken.None);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await clock.WaitForTimerAsync(bound.Token);

        Assert.False(opening.IsCompleted);
        Assert.Contains("cannot be opened yet; retrying for up to 30 s", await logs.FirstAsync(3012), StringComparison.Ordinal);
        relay.Accept();
        clock.Advance(TimeSpan.FromSeconds(5));
        await using var store = await opening;
        await store.WriteAsync(Started("run-1"));
    }

    [Fact]
    public async Task OpenAsync_ServerUnreachableBeyondTheBound_FailsWithTheMessageItGivesWithoutWaiting()
    {
        await using var relay = new PostgresRelay(schema.ConnectionString);
        var clock = new ManualTimeProvider();
        relay.Refuse();
        var location = LocationOf(relay);
        var opening = HistoryStore.OpenAsync(location, clock, null, null, checkAfter: null, TimeSpan.FromSeconds(10), CancellationToken.None);
        await AdvanceUntilDoneAsync(clock, opening);
        var waited = await Assert.ThrowsAsync<HistoryWriteException>(() => opening);
        var atOnce = await Assert.ThrowsAsync<HistoryWriteException>(() => HistoryStore.OpenAsync(location, clock, null, null, false, CancellationToken.None));

        Assert.Contains($"The PostgreSQL server of the history database '{location.Display}' cannot be reached", waited.Message, StringComparison.Ordinal);
        Assert.Equal(atOnce.Message.Split(" (")[0], waited.Message.Split(" (")[0]);
    }

    [Fact]
    public async Task OpenAsync_WrongPassword_FailsAtOnceWithoutWaiting()
    {
        var builder = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Password = "wrong-" + Guid.NewGuid().ToString("n") };
        var location = HistoryLocation.Parse(builder.ConnectionString, "/unused", "/", _ => null, out var problem) ?? throw new InvalidOperationException(problem);
        var clock = new ManualTimeProvider();

        // The clock never moves: a wait would never end.
        var refused = await Assert.ThrowsAsync<HistoryWriteException>(() =>
            HistoryStore.OpenAsync(location, clock, null, null, checkAfter: null, TimeSpan.FromMinutes(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("refused the credentials", refused.Message, StringComparison.Ordinal);
    }

    private static Task<HistoryStore> OpenAsync(HistoryLocation location, TimeProvider time, LogEvents logs) =>
        HistoryStore.OpenAsync(location, time, logs.CreateLogger("history"), killAfterCommits: null, checkBeside: false, CancellationToken.None);

    private static HistoryLocation LocationOf(PostgresRelay relay) =>
        HistoryLocation.Parse(relay.ConnectionString, "/unused", "/", _ => null, out var problem) ?? throw new InvalidOperationException(problem);

    private static async Task<int> WriterProcessAsync(HistoryStore store)
    {
        var pid = 0;
        await store.RunOnWriterAsync(connection => pid = ((NpgsqlConnection)connection).ProcessID);
        return pid;
    }

    /// <summary>Ends the server process and waits until it is gone (PostgreSQL 14+).</summary>
    private async Task TerminateAsync(int pid)
    {
        await using var connection = await schema.ConnectAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 30000)", connection);
        command.Parameters.AddWithValue("pid", pid);
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    private async Task<List<string>> MessagesAsync(string executionId)
    {
        await using var connection = await schema.ConnectAsync();
        await using var command = new NpgsqlCommand("SELECT message FROM logs WHERE execution_id = @id ORDER BY id", connection);
        command.Parameters.AddWithValue("id", executionId);
        await using var reader = await command.ExecuteReaderAsync();
        var messages = new List<string>();
        while (await reader.ReadAsync())
        {
            messages.Add(reader.GetString(0));
        }

        return messages;
    }

    /// <summary>Moves the clock past each wait of the reconnecting writer until <paramref name="write"/> ends.</summary>
    private static async Task AdvanceUntilDoneAsync(ManualTimeProvider clock, Task write)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!write.IsCompleted)
        {
            var timer = clock.WaitForTimerAsync(bound.Token);
            if (await Task.WhenAny(write, timer) == timer && !write.IsCompleted)
            {
                clock.Advance(TimeSpan.FromSeconds(5));
            }
        }
    }
}
