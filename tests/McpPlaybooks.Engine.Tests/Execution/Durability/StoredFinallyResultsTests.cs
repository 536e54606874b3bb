using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Tests.History;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A <c>finally</c> call read from history shows its last attempt: the one with the highest number, whichever clock the
/// process that ran it had. Before, the latest start time won, so a rerun after a takeover by a process whose clock was
/// behind showed the interrupted attempt it replaced.
/// </summary>
public abstract class StoredFinallyResultsTests(StoreKind kind)
{
    [Fact]
    public async Task LoadAsync_FinallyCallRerunByAProcessWhoseClockWasBehind_ShowsTheRerun()
    {
        await using var home = await StoreHome.CreateAsync(kind);
        await using var store = await home.OpenAsync();
        var interrupted = Attempt("run-1", "notify", attempt: 1, status: StepStatus.Interrupted) with { Kind = AttemptKind.Finally, StartedAt = T0.AddSeconds(10), EndedAt = T0.AddSeconds(11) };
        var rerun = Attempt("run-1", "notify", attempt: 2, status: StepStatus.Completed) with { Kind = AttemptKind.Finally, StartedAt = T0.AddSeconds(5), EndedAt = T0.AddSeconds(6) };
        await store.WriteAsync([.. Started("run-1"), new HistoryWrite.SaveAttempt(interrupted), new HistoryWrite.SaveAttempt(rerun)]);

        var state = await StoredExecutionState.LoadAsync(store, "run-1", default);

        var call = Assert.Single(state!.Finally);
        Assert.Equal(("notify", StepStatus.Completed), (call.Id, call.Status));
    }
}

public sealed class StoredFinallyResultsTestsOnSqlite() : StoredFinallyResultsTests(StoreKind.Sqlite);

public sealed class StoredFinallyResultsTestsOnPostgres() : StoredFinallyResultsTests(StoreKind.Postgres);
