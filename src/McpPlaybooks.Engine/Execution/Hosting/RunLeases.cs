using McpPlaybooks.Engine.History;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The leases of the runs this process holds: renewed by the heartbeat while they are held, and how a run leaves with its
/// lease. Once it has ended it retires (<see cref="RunRetirement"/>): after its drive has settled and no control action is
/// on it, its lease is released, then it leaves the runs. A lease lost to another process (this one was paused, or cut
/// off from the database, past its lease) makes the run leave without ending the execution. It learns so in two ways: a
/// write refused by the fence (<see cref="LeaseLostException"/> ends its drive, or refuses a decision or a control action,
/// which then go where the execution is now), or a renewal that did not renew an execution it runs. It starts no new step
/// (a pause it never records: its writes are refused), and is forgotten here; its new owner goes on with it.
/// </summary>
internal sealed class RunLeases(HistoryStore history, EngineServices services, HeldRuns runs, ILogger logger)
{
    private int _lost;

    /// <summary>How many runs left this process because their lease was taken over (tests and the scale-out figures).</summary>
    public int Lost => Volatile.Read(ref _lost);

    private DateTimeOffset Now => services.Time.GetUtcNow();

    public async Task RenewAsync(CancellationToken token)
    {
        var renewed = (await history.RenewLeasesAsync(services.OwnerId, Now + services.Options.LeaseDuration, token).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var run in runs.Values.Where(r => !r.IsFinished && !renewed.Contains(r.Id)).ToList())
        {
            // Missing from the renewal: lost, unless it ended meanwhile (and was released: the run says so). Lost too when
            // no one holds it now, or this process at another epoch: another process took it over, and ended or released it.
            var record = await history.GetExecutionAsync(run.Id, token).ConfigureAwait(false);
            if (record is not null && !run.IsFinished
                && (record.OwnerId != services.OwnerId || (run.Fence.Epoch is { } epoch && epoch != record.LeaseEpoch))
                && runs.TryGet(run.Id, out var current) && current == run)
            {
                Lose(run, record.OwnerId ?? "nobody", record.LeaseEpoch);
            }
        }
    }

    /// <summary>A drive that ended on a refused write: the run's lease was taken over.</summary>
    public bool LostByDrive(ExecutionRun run, Exception? error)
    {
        if (Unwrap(error) is not LeaseLostException lost)
        {
            return false;
        }

        Lose(run, lost);
        return true;
    }

    public void Lose(ExecutionRun run, LeaseLostException lost) => Lose(run, lost.HolderId ?? "nobody", lost.HolderEpoch ?? -1);

    /// <summary>
    /// A run kept from an earlier lease of this process, found when the execution was claimed here again at a new epoch
    /// (another process held it meanwhile): it leaves, and its writes, fenced at its own epoch, are refused.
    /// </summary>
    public void ReplaceStale(ExecutionRun stale, long epoch)
    {
        if (Forget(stale))
        {
            HostLog.StaleRunReplaced(logger, stale.Id, epoch, stale.Fence.Epoch ?? -1);
        }
    }

    /// <summary>Once a finished run's drive has settled, it leaves the process (<see cref="RetireAsync"/>).</summary>
    public async Task RetireWhenSettledAsync(ExecutionRun run)
    {
        try
        {
            await run.Settled.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the drive's caller sees the error; here only the bookkeeping matters
        }

        await RetireAsync(run).ConfigureAwait(false);
    }

    /// <summary>
    /// An ended run with no drive and no control action on it leaves the process: its lease is released first, then it leaves
    /// the runs, so that a request in between neither reopens it without a lease nor takes it from history while the release
    /// is still to come (which would release the new run's lease). Only the run this process holds the execution with: one
    /// replaced meanwhile (a lost lease) releases nothing.
    /// </summary>
    public async Task RetireAsync(ExecutionRun run)
    {
        if (!runs.TryGet(run.Id, out var held) || held != run || !run.Retirement.TryRetire(() => run.HasEnded))
        {
            return;
        }

        try
        {
            await ReleaseQuietlyAsync(run.Id).ConfigureAwait(false);
        }
        finally
        {
            runs.Leave(run);
            run.Retirement.Left();
        }
    }

    public async Task ReleaseQuietlyAsync(string executionId)
    {
        try
        {
            await history.ReleaseAsync(services.OwnerId, executionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HistoryWriteException or ObjectDisposedException)
        {
            HostLog.LeaseError(logger, e);
        }
    }

    /// <summary>
    /// As the process closes: lets other processes take over at once the executions parked here. Runs still driving keep
    /// their leases, which expire, as after a crash.
    /// </summary>
    public async Task ReleaseParkedAsync()
    {
        try
        {
            // A run parked through its children is let go as a parked one: the next process attaches its step to the same child.
            bool Parked(ExecutionRun run) => !run.IsDriving || runs.IsParkedThroughChildren(run);
            if (runs.Values.All(Parked))
            {
                await history.ReleaseAllAsync(services.OwnerId, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                foreach (var run in runs.Values.Where(Parked))
                {
                    await history.ReleaseAsync(services.OwnerId, run.Id, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is HistoryWriteException or ObjectDisposedException)
        {
            HostLog.LeaseError(logger, e);
        }
    }

    /// <summary>
    /// A run whose lease is gone leaves. When this very process holds the execution now (it claimed it again at a new
    /// epoch, and the renewal or a refused write found the old run before the claim replaced it), that is said as
    /// <see cref="ReplaceStale"/> says it, not as a loss to another process.
    /// </summary>
    private void Lose(ExecutionRun run, string holder, long epoch)
    {
        if (!Forget(run))
        {
            return;
        }

        if (holder == services.OwnerId)
        {
            HostLog.StaleRunReplaced(logger, run.Id, epoch, run.Fence.Epoch ?? -1);
        }
        else
        {
            HostLog.LeaseLost(logger, run.Id, services.OwnerId, holder, epoch);
        }
    }

    /// <summary>Takes a lost run out of this process: no deadline, no observer lease, and asked to pause; false if it was gone.</summary>
    private bool Forget(ExecutionRun run)
    {
        if (!runs.Leave(run))
        {
            return false;
        }

        Interlocked.Increment(ref _lost);
        run.RequestPause();
        return true;
    }

    private static Exception? Unwrap(Exception? error) => error is AggregateException { InnerExceptions: [var single] } ? Unwrap(single) : error;
}
