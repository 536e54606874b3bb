using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// Two engines on one PostgreSQL schema, as two servers: a request the second queues for an execution the first owns wakes
/// the first at once (LISTEN/NOTIFY), though it polls only every ten minutes. Without the wake the second gives up after its
/// forward wait (10 s) and these tests fail.
/// </summary>
public sealed class PostgresWakeTests : IAsyncLifetime
{
    private const string Gated = """
        id: wake-gated
        name: Wake gated
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Go?", approvers: [alice] }
            action: set
            with: { done: true }
          - id: again
            needs: [risky]
            approval: { message: "Again?", approvers: [alice] }
            action: set
            with: { done: true }
        """;

    /// <summary>Far longer than any test: the owner acts on a request only because it was woken.</summary>
    private static readonly TimeSpan NoPolling = TimeSpan.FromMinutes(10);

    private readonly List<PlaybookEngine> _engines = [];
    private readonly string _data = Path.Combine(Path.GetTempPath(), "mcpp-wake-" + Guid.NewGuid().ToString("n"));
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresServer.CreateSchemaAsync();

    public async Task DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }

        await _schema.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task DecideAsync_FromAnotherEngineWhileTheOwnerPollsEveryTenMinutes_IsAppliedAtOnce()
    {
        var owner = await OpenAsync("owner");
        var other = await OpenAsync("other");
        var parked = await owner.RunAsync(Flow.Request(Gated), null, default);

        await other.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice"), default).WaitAsync(TimeSpan.FromSeconds(30));
        var next = await SettledAtAsync(owner, parked.ExecutionId, "again");

        Assert.Equal(ExecutionStatus.WaitingApproval, next.Status);
        Assert.Equal(0, other.HeldExecutions);
        Assert.Equal(owner.OwnerId, await owner.History.GetOwnerAsync(parked.ExecutionId, TimeProvider.System.GetUtcNow(), default));
    }

    [Fact]
    public async Task ControlAsync_CancelFromAnotherEngineWhileTheOwnerPollsEveryTenMinutes_IsAppliedAtOnce()
    {
        var owner = await OpenAsync("owner");
        var other = await OpenAsync("other");
        var parked = await owner.RunAsync(Flow.Request(Gated), null, default);

        var cancelled = await other.ControlAsync(new ControlRequest { ExecutionId = parked.ExecutionId, Action = ControlAction.Cancel, RequestedBy = "alice" }, default)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Cancelled, cancelled.Status);
        Assert.Equal(ExecutionStatus.Cancelled, (await Flow.SettleAsync(owner, parked.ExecutionId)).Status);
    }

    [Fact]
    public async Task DecideAsync_AfterTheOwnersListeningConnectionWasTerminated_WakesTheOwnerOnceItReconnected()
    {
        var logs = new LogEvents();
        var owner = await OpenAsync("owner", logs);
        var other = await OpenAsync("other");
        var parked = await owner.RunAsync(Flow.Request(Gated), null, default);
        await logs.FirstAsync(3013).WaitAsync(TimeSpan.FromSeconds(30));
        var listener = owner.History.Notifications!.ProcessId;

        await TerminateAsync(listener);
        var lost = await logs.FirstAsync(3014).WaitAsync(TimeSpan.FromSeconds(30));
        var again = await logs.FirstAsync(3015).WaitAsync(TimeSpan.FromSeconds(30));
        await other.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice"), default).WaitAsync(TimeSpan.FromSeconds(30));
        var next = await SettledAtAsync(owner, parked.ExecutionId, "again");

        Assert.Equal(ExecutionStatus.WaitingApproval, next.Status);
        Assert.NotEqual(listener, owner.History.Notifications.ProcessId);
        Assert.Single(logs.Lines, l => l.EventId == 3014);
        Assert.Contains("Lost the listening connection", lost, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", lost, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("again after 1 failed attempts", again, StringComparison.Ordinal);
    }

    /// <summary>Waits until the execution parks at <paramref name="stepId"/>'s gate (or ends), 30 s at most.</summary>
    private static async Task<ExecutionState> SettledAtAsync(PlaybookEngine engine, string executionId, string stepId)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var state = await engine.WaitAsync(executionId, Timeout.InfiniteTimeSpan, bound.Token);
            if (state.Status.IsFinal() || state.PendingApprovals.Any(p => p.StepId == stepId))
            {
                return state;
            }
        }
    }

    private async Task<PlaybookEngine> OpenAsync(string name, ILoggerFactory? logs = null)
    {
        var options = new EngineOptions { DataDirectory = Path.Combine(_data, name), Database = _schema.Location, PollInterval = NoPolling };
        var engine = await PlaybookEngine.OpenAsync(options, TimeProvider.System, logs ?? NullLoggerFactory.Instance, new System.Collections.Hashtable(), CancellationToken.None);
        _engines.Add(engine);
        return engine;
    }

    private async Task TerminateAsync(int processId)
    {
        await using var connection = await _schema.ConnectAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        command.Parameters.AddWithValue("pid", processId);
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }
}
