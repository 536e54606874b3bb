using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// The lease's fence: an engine whose lease was taken over while it still ran a step (it was paused, or its clock lagged)
/// cannot write over its successor. Two engines on one file, as two processes: the first one's clock is frozen, so the
/// second finds its lease expired and takes the execution over while the first one's step still runs.
/// </summary>
public sealed class FencingTests
{
    private const string Parked = """
        id: parked
        name: Parked
        version: 1.0.0
        steps:
          - id: gate
            approval: { message: "Go?", approvers: [alice] }
            action: set
            with: { done: true }
        """;

    [Fact]
    public async Task LateWrite_AfterAnotherEngineTookTheLeaseOver_IsRefusedLoggedAndTheRunStops()
    {
        await using var directory = new SharedDataDirectory();
        System.IO.Directory.CreateDirectory(directory.Directory);
        var logs = new LogEvents();
        var first = await directory.OpenAsync(new ManualTimeProvider(), logs: logs);
        var start = await first.StartAsync(Flow.Request(FencedPlaybook.Yaml(directory.Directory)), null, default);
        await FileAppearance.WaitForLineAsync(directory.PathOf("running"), TimeSpan.FromSeconds(30));
        var epochBefore = (await first.History.GetExecutionAsync(start.ExecutionId, default))!.LeaseEpoch;

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddMinutes(1)));
        Assert.Equal([$"{start.ExecutionId}/work"], second.LastResume.Interrupted.Select(i => $"{i.ExecutionId}/{i.StepId}"));
        var taken = (await second.History.GetExecutionAsync(start.ExecutionId, default))!;
        Assert.Equal((second.OwnerId, epochBefore + 1, first.OwnerId), (taken.OwnerId, taken.LeaseEpoch, taken.PreviousOwnerId));
        Assert.Equal(ExecutionStatus.Paused, (await Flow.SettleAsync(second, start.ExecutionId)).Status);
        var logsBefore = (await second.History.GetLogsAsync(new LogQuery { ExecutionId = start.ExecutionId, Limit = 1000 }, default)).Entries.Count;

        // The first engine's step ends now: its completion is its late write.
        await File.WriteAllTextAsync(directory.PathOf("go"), "");
        var refused = await logs.FirstAsync(3006).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains($"execution {start.ExecutionId} by owner {first.OwnerId} at lease epoch {epochBefore}", refused, StringComparison.Ordinal);
        Assert.Contains($"held by {second.OwnerId} at epoch {epochBefore + 1}", refused, StringComparison.Ordinal);
        var attempts = await second.History.GetAttemptsAsync(start.ExecutionId, default);
        Assert.True(attempts.Count == 1, string.Join("; ", attempts.Select(a => $"{a.StepId} {a.Kind} {a.Status} {a.ErrorMessage}")) + " | " + string.Join("; ", logs.Lines.Select(l => l.Message)));
        Assert.Equal(StepStatus.Interrupted, attempts[0].Status);
        var steps = await second.History.GetStepStatesAsync(start.ExecutionId, default);
        Assert.Equal([("work", StepStatus.Interrupted), ("next", StepStatus.Pending)], steps.Select(s => (s.StepId, s.Status)));
        var after = (await second.History.GetLogsAsync(new LogQuery { ExecutionId = start.ExecutionId, Limit = 1000 }, default)).Entries;
        Assert.True(logsBefore == after.Count, string.Join("\n", after.Select(l => $"{l.StepId} {l.Level} {l.Message}")));
        Assert.Equal(["work"], await File.ReadAllLinesAsync(directory.PathOf("marker")));

        // The writer logs the refusal before the run's host hears of it: wait for the host's own line.
        await logs.FirstContainingAsync($"Lost the lease of execution {start.ExecutionId}").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, first.LostLeases);
        Assert.Equal(0, first.HeldExecutions);
    }

    /// <summary>
    /// The first engine is paused past its lease while its execution waits at a gate; a second one takes it over and
    /// cancels it (which releases it). The first one's run from before must not go on answering for it: a decision through
    /// the first engine is refused by the fence there, and meets the execution as it is now; nothing is recorded.
    /// </summary>
    [Fact]
    public async Task PausedPastItsLease_ADecisionOnTheRunFromBefore_GoesToTheExecutionAsItIsNow()
    {
        await using var directory = new SharedDataDirectory();
        var (first, executionId) = await ParkThenCancelFromAnotherEngineAsync(directory);

        var refusal = await Assert.ThrowsAsync<Engine.Execution.Control.ExecutionRefusedException>(() =>
            first.DecideAsync(Control.ApprovalDecisionTests.Decision(executionId, "gate", true, "cli:alice"), default));

        Assert.Contains("cancelled", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Cancelled, (await first.GetStateAsync(executionId, default))!.Status);
        Assert.Empty(await first.History.GetDecisionsAsync(executionId, default));
        Assert.Equal(1, first.LostLeases);
    }

    /// <summary>As above, without a request: the first engine's next renewal finds the execution held by no one and lets its run go.</summary>
    [Fact]
    public async Task PausedPastItsLease_TheExecutionEndedAndReleasedByAnother_TheNextRenewalLetsTheRunFromBeforeGo()
    {
        await using var directory = new SharedDataDirectory();
        var (first, executionId) = await ParkThenCancelFromAnotherEngineAsync(directory);

        // The renewal runs every third of the lease (15 s) in real time.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (first.LostLeases == 0)
        {
            await Task.Delay(100, bound.Token);
        }

        Assert.Equal(ExecutionStatus.Cancelled, (await first.GetStateAsync(executionId, default))!.Status);
        Assert.Equal(0, first.HeldExecutions);
    }

    /// <summary>
    /// A first engine (its clock frozen, as if paused) parks an execution at a gate; a second one, a minute later, takes it
    /// over and cancels it, which releases it. The first engine still holds its run from before.
    /// </summary>
    private static async Task<(PlaybookEngine First, string ExecutionId)> ParkThenCancelFromAnotherEngineAsync(SharedDataDirectory directory)
    {
        System.IO.Directory.CreateDirectory(directory.Directory);
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var start = await first.StartAsync(Flow.Request(Parked), null, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, (await Flow.SettleAsync(first, start.ExecutionId)).Status);
        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddMinutes(1)));
        await second.ControlAsync(new Engine.Execution.Control.ControlRequest { ExecutionId = start.ExecutionId, Action = Engine.Execution.Control.ControlAction.Cancel, RequestedBy = "cli:bob" }, default);
        return (first, start.ExecutionId);
    }

    /// <summary>
    /// The first engine is paused past its lease, a second one takes the execution over and leaves it, and the first one
    /// claims it back before it learns that it lost it: the run it kept from before must not go on at the new epoch.
    /// </summary>
    [Fact]
    public async Task ClaimedBack_AfterAnotherEngineHeldTheLease_TheRunFromBeforeIsReplacedAndItsLateWriteRefused()
    {
        await using var directory = new SharedDataDirectory();
        System.IO.Directory.CreateDirectory(directory.Directory);
        var logs = new LogEvents();
        var clock = new ManualTimeProvider();
        var first = await directory.OpenAsync(clock, logs: logs);
        var start = await first.StartAsync(Flow.Request(FencedPlaybook.Yaml(directory.Directory)), null, default);
        await FileAppearance.WaitForLineAsync(directory.PathOf("running"), TimeSpan.FromSeconds(30));
        var epochBefore = (await first.History.GetExecutionAsync(start.ExecutionId, default))!.LeaseEpoch;

        await using (var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddMinutes(1))))
        {
            Assert.Equal(ExecutionStatus.Paused, (await Flow.SettleAsync(second, start.ExecutionId)).Status);
        }

        // The second engine released it as it closed; the first one claims it back.
        clock.Advance(TimeSpan.FromMinutes(2));
        await first.ResumeUnfinishedAsync(default);
        var claimed = (await first.History.GetExecutionAsync(start.ExecutionId, default))!;
        Assert.Equal((first.OwnerId, epochBefore + 2), (claimed.OwnerId, claimed.LeaseEpoch));

        // What the first engine says of it is the history's (paused by the second one), not what its old run remembers.
        Assert.Equal(ExecutionStatus.Paused, (await first.GetStateAsync(start.ExecutionId, default))!.Status);

        // The run from before finishes its step now: its completion is refused, and it runs nothing more.
        await File.WriteAllTextAsync(directory.PathOf("go"), "");
        string refused;
        try
        {
            refused = await logs.FirstAsync(3006).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            var now = await first.History.GetStepStatesAsync(start.ExecutionId, default);
            throw new Xunit.Sdk.XunitException("the run from before was not refused; the steps are now "
                + string.Join(", ", now.Select(s => $"{s.StepId} {s.Status}")) + "; the marker holds " + string.Join(", ", File.ReadLines(directory.PathOf("marker"))));
        }

        Assert.Contains($"execution {start.ExecutionId} by owner {first.OwnerId} at lease epoch {epochBefore}", refused, StringComparison.Ordinal);
        Assert.Contains($"held by {first.OwnerId} at epoch {epochBefore + 2}", refused, StringComparison.Ordinal);
        var steps = await first.History.GetStepStatesAsync(start.ExecutionId, default);
        Assert.Equal([("work", StepStatus.Interrupted), ("next", StepStatus.Pending)], steps.Select(s => (s.StepId, s.Status)));
        Assert.Equal(["work"], await File.ReadAllLinesAsync(directory.PathOf("marker")));
        Assert.Equal(1, first.HeldExecutions);
        Assert.Contains(logs.Lines, l => l.Message.Contains($"Claimed execution {start.ExecutionId} again at epoch {epochBefore + 2}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_FencedBatchBesideOthersInOneGroup_OnlyTheFencedOneIsRefused()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var parked = await first.RunAsync(Flow.Request(Parked), null, default);
        var other = await first.RunAsync(Flow.Request("""
            id: other
            name: Other
            version: 1.0.0
            steps:
              - id: gate
                approval: { message: "Go?", approvers: [alice] }
                action: set
                with: { done: true }
            """), null, default);

        // Another owner takes the first execution (its lease looks expired an hour later), not the second.
        var later = TimeProvider.System.GetUtcNow().AddHours(1);
        Assert.True(await first.History.TryClaimAsync(parked.ExecutionId, "elsewhere:1:x", later.AddMinutes(1), later, default));
        var otherLog = Log(other.ExecutionId, "beside");
        Task besides;
        Task late;
        using (first.History.PauseWriter())
        {
            late = first.History.WriteAsync(Log(parked.ExecutionId, "late"));
            besides = first.History.WriteAsync(otherLog);
        }

        var lost = await Assert.ThrowsAsync<LeaseLostException>(() => late);
        await besides;
        Assert.Equal((parked.ExecutionId, first.OwnerId, "elsewhere:1:x"), (lost.ExecutionId, lost.OwnerId, lost.HolderId));
        Assert.Equal(lost.Epoch + 1, lost.HolderEpoch);
        Assert.DoesNotContain(await LogsOf(first, parked.ExecutionId), m => m == "late");
        Assert.Contains(await LogsOf(first, other.ExecutionId), m => m == "beside");
    }

    [Fact]
    public async Task Claims_OnlyAChangeOfOwnerRaisesTheEpoch()
    {
        await using var directory = new SharedDataDirectory();
        var engine = await directory.OpenAsync(new ManualTimeProvider());
        var parked = await engine.RunAsync(Flow.Request(Parked), null, default);
        var history = engine.History;
        var now = TimeProvider.System.GetUtcNow().AddHours(1);
        async Task<long> Epoch() => (await history.GetExecutionAsync(parked.ExecutionId, default))!.LeaseEpoch;

        var first = await Epoch();
        Assert.True(await history.TryClaimAsync(parked.ExecutionId, engine.OwnerId, now.AddMinutes(1), now, default));
        await history.RenewLeasesAsync(engine.OwnerId, now.AddMinutes(2), default);
        Assert.Equal(first, await Epoch());
        Assert.True(await history.TryClaimAsync(parked.ExecutionId, "b:2:y", now.AddMinutes(10), now.AddMinutes(3), default));
        Assert.Equal(first + 1, await Epoch());
        await history.ReleaseAsync("b:2:y", parked.ExecutionId, default);
        Assert.True(await history.TryReopenAsync(parked.ExecutionId, engine.OwnerId, now.AddMinutes(20), now.AddMinutes(4), default));
        Assert.Equal(first + 2, await Epoch());

        // Holding the lease again at the new epoch, the engine's writes land.
        await history.WriteAsync(Log(parked.ExecutionId, "mine again"));
        Assert.Contains(await LogsOf(engine, parked.ExecutionId), m => m == "mine again");
    }

    private static HistoryWrite.AppendLog Log(string executionId, string message) => new(new McpPlaybooks.Engine.History.Records.ExecutionLogRecord
    {
        ExecutionId = executionId,
        Level = ExecutionLogLevel.Info,
        Message = message,
        At = TimeProvider.System.GetUtcNow(),
    });

    private static async Task<List<string>> LogsOf(PlaybookEngine engine, string executionId) =>
        [.. (await engine.History.GetLogsAsync(new LogQuery { ExecutionId = executionId, Limit = 1000 }, default)).Entries.Select(e => e.Message)];
}
