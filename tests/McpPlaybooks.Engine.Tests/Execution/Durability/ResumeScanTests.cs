using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Tests.Execution.Control;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// The takeover scan claims unfinished executions a batch at a time until a claim brings nothing new. An execution taken
/// over in one batch whose lease runs out before the next (a slow start, a short lease) is claimed again by that next batch,
/// by the same process, which keeps it: giving it back, as it gives back one whose takeover failed, let the process's next
/// scan claim it at a new epoch and stop the live run (seen end to end: a kill -9, a restart with a 400 ms lease, and the
/// person's approval refused as a late write).
/// </summary>
public sealed class ResumeScanTests
{
    private const string Gated = """
        id: scan-gated
        name: Scan gated
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Go?" }
            action: log
            with: { message: went }
        """;

    [Fact]
    public async Task OpenAsync_LeaseRunsOutBeforeTheScansNextBatch_KeepsTheExecutionItTookOver()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync();
        var id = (await first.StartAsync(Flow.Request(Gated), null, default)).ExecutionId;
        Assert.Equal(ExecutionStatus.WaitingApproval, (await Flow.SettleAsync(first, id)).Status);
        var epoch = (await first.History.GetExecutionAsync(id, default))!.LeaseEpoch;
        await directory.CloseAsync(first); // lets the parked execution go

        // Every reading of this clock is ten minutes after the last: whatever lease a batch takes has run out at the next.
        var second = await directory.OpenAsync(new SteppingTimeProvider(TimeSpan.FromMinutes(10)));

        Assert.Equal([id], second.LastResume.Resumed);
        var record = (await second.History.GetExecutionAsync(id, default))!;
        Assert.Equal(second.OwnerId, record.OwnerId);
        Assert.Equal(epoch + 1, record.LeaseEpoch);
        await second.DecideAsync(Decision(id, "risky", true, "alice"), default);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(second, id)).Status);
    }

    /// <summary>A clock that moves on by <paramref name="step"/> each time it is read.</summary>
    private sealed class SteppingTimeProvider(TimeSpan step) : TimeProvider
    {
        private long _readings;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + (step * Interlocked.Increment(ref _readings));
    }
}
