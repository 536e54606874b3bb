using System.Collections;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A run on PostgreSQL whose history connection is lost while a step runs: the engine's writer reconnects and the run
/// completes with each step recorded once; gone for longer than the bound, the run stops with one clear message, and once
/// the database is back the engine goes on and a new run completes.
/// </summary>
public sealed class PostgresReconnectRunTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mcpp-reconnect-" + Guid.NewGuid().ToString("n"));
    private PostgresTestSchema schema = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        schema = await PostgresServer.CreateSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await schema.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Run_WriterBackendTerminatedWhileAStepRuns_CompletesWithEachStepRecordedOnce()
    {
        var logs = new LogEvents();
        await using var engine = await OpenAsync(schema.Location, logs, TimeSpan.FromSeconds(60));
        var fifo = await Flow.FifoAsync(Path.Combine(folder, "go"));
        var id = await Flow.StartUntilRunningAsync(engine, Flow.Request(Playbook(fifo)), "wait");

        await TerminateWriterAsync(engine);
        await File.WriteAllTextAsync(fifo, "go\n");
        var state = await Flow.SettleAsync(engine, id);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        var attempts = await engine.History.GetAttemptsAsync(id, default);
        Assert.Equal([("wait", StepStatus.Completed), ("second", StepStatus.Completed), ("third", StepStatus.Completed)], attempts.Select(a => (a.StepId, a.Status)));
        var steps = await engine.History.GetStepStatesAsync(id, default);
        Assert.All(steps, step => Assert.Equal(StepStatus.Completed, step.Status));
        Assert.Contains("Lost the connection to the history database", await logs.FirstAsync(3007), StringComparison.Ordinal);
        Assert.Contains("Reconnected", await logs.FirstAsync(3008), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DatabaseGoneLongerThanTheBound_StopsWithOneClearMessage_ThenTheEngineGoesOnOnceItIsBack()
    {
        await using var relay = new PostgresRelay(schema.ConnectionString);
        var location = HistoryLocation.Parse(relay.ConnectionString, "/unused", "/", _ => null, out var problem) ?? throw new InvalidOperationException(problem);
        var logs = new LogEvents();
        await using var engine = await OpenAsync(location, logs, TimeSpan.FromSeconds(1));
        var fifo = await Flow.FifoAsync(Path.Combine(folder, "go"));
        var id = await Flow.StartUntilRunningAsync(engine, Flow.Request(Playbook(fifo)), "wait");

        relay.Refuse();
        await File.WriteAllTextAsync(fifo, "go\n");
        var stopped = await Assert.ThrowsAsync<HistoryWriteException>(() => Flow.SettleAsync(engine, id));

        Assert.Contains($"Execution {id} stopped: its history could not be written", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("was lost and could not be made again within 1 s", stopped.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(schema.Location.Password ?? "\0", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("Could not reconnect", await logs.FirstAsync(3009), StringComparison.Ordinal);

        relay.Accept();
        var next = await engine.RunAsync(Flow.Request("""
            id: after
            name: After
            version: 1.0.0
            steps:
              - id: one
                action: set
                with: { done: true }
            """), null, default);
        Assert.Equal(ExecutionStatus.Completed, next.Status);

        // Not half-recorded: what the stopped run stored ends where its writes stopped (the step recorded running, nothing after it).
        var attempts = await engine.History.GetAttemptsAsync(id, default);
        Assert.Equal(["wait"], attempts.Select(a => a.StepId));
        Assert.NotEqual(ExecutionStatus.Completed, (await engine.History.GetExecutionAsync(id, default))!.Status);
    }

    private async Task<PlaybookEngine> OpenAsync(HistoryLocation location, LogEvents logs, TimeSpan reconnectFor)
    {
        var options = new EngineOptions
        {
            DataDirectory = Path.Combine(folder, "data"),
            Database = location,
            HistoryReconnectFor = reconnectFor,
            LeaseDuration = TimeSpan.FromSeconds(3),
        };
        return await PlaybookEngine.OpenAsync(options, TimeProvider.System, logs, new Hashtable(), CancellationToken.None);
    }

    private async Task TerminateWriterAsync(PlaybookEngine engine)
    {
        var pid = 0;
        await engine.History.RunOnWriterAsync(connection => pid = ((NpgsqlConnection)connection).ProcessID);
        await using var connection = await schema.ConnectAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 30000)", connection);
        command.Parameters.AddWithValue("pid", pid);
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    private static string Playbook(string fifo) => $$"""
        id: reconnect
        name: Reconnect
        version: 1.0.0
        steps:
          - id: wait
            action: shell
            timeout: 5m
            with:
              command: [/bin/sh, -c, 'cat "$0"', "{{fifo}}"]
          - id: second
            needs: [wait]
            action: set
            with: { done: true }
          - id: third
            needs: [second]
            action: shell
            with:
              command: [/bin/echo, third]
        """;
}
