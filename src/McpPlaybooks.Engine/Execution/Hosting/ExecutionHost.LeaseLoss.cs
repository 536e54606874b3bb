using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// A lease lost to another process (this one was paused, or cut off from the database, past its lease): the run leaves
/// this process without ending the execution. It learns so in two ways: a write refused by the fence
/// (<see cref="LeaseLostException"/> ends its drive, or refuses a decision or a control action, which then go where the
/// execution is now), or a renewal that did not renew an execution it runs. It starts no
/// new step (a pause it never records: its writes are refused), and is forgotten here; its new owner goes on with it.
/// </summary>
internal sealed partial class ExecutionHost
{
    /// <summary>How many runs left this process because their lease was taken over (tests and the scale-out figures).</summary>
    public int LostLeases => Volatile.Read(ref _lostLeases);

    private int _lostLeases;

    private async Task RenewAsync(CancellationToken token)
    {
        var renewed = (await History.RenewLeasesAsync(Services.OwnerId, Now + Services.Options.LeaseDuration, token).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var run in _runs.Values.Where(r => !r.IsFinished && !renewed.Contains(r.Id)).ToList())
        {
            // Missing from the renewal: lost, unless it ended meanwhile (and was released: the run says so). Lost too when
            // no one holds it now, or this process at another epoch: another process took it over, and ended or released it.
            var record = await History.GetExecutionAsync(run.Id, token).ConfigureAwait(false);
            if (record is not null && !run.IsFinished
                && (record.OwnerId != Services.OwnerId || (run.Fence.Epoch is { } epoch && epoch != record.LeaseEpoch))
                && _runs.TryGet(run.Id, out var current) && current == run)
            {
                LoseLease(run, record.OwnerId ?? "nobody", record.LeaseEpoch);
            }
        }
    }

    /// <summary>A drive that ended on a refused write: the run's lease was taken over.</summary>
    private bool LostByDrive(ExecutionRun run, Exception? error)
    {
        if (Unwrap(error) is not LeaseLostException lost)
        {
            return false;
        }

        LoseLease(run, lost);
        return true;
    }

    private void LoseLease(ExecutionRun run, LeaseLostException lost) => LoseLease(run, lost.HolderId ?? "nobody", lost.HolderEpoch ?? -1);

    private void LoseLease(ExecutionRun run, string holder, long epoch)
    {
        if (Forget(run))
        {
            HostLog.LeaseLost(_logger, run.Id, Services.OwnerId, holder, epoch);
        }
    }

    /// <summary>
    /// A run kept from an earlier lease of this process, found when the execution was claimed here again at a new epoch
    /// (another process held it meanwhile): it leaves, and its writes, fenced at its own epoch, are refused.
    /// </summary>
    private void ReplaceStale(ExecutionRun stale, long epoch)
    {
        if (Forget(stale))
        {
            HostLog.StaleRunReplaced(_logger, stale.Id, epoch, stale.Fence.Epoch ?? -1);
        }
    }

    /// <summary>Takes a lost run out of this process: no deadline, no observer lease, and asked to pause; false if it was gone.</summary>
    private bool Forget(ExecutionRun run)
    {
        if (!_runs.Leave(run))
        {
            return false;
        }

        Interlocked.Increment(ref _lostLeases);
        run.RequestPause();
        return true;
    }

    private static Exception? Unwrap(Exception? error) => error is AggregateException { InnerExceptions: [var single] } ? Unwrap(single) : error;
}
