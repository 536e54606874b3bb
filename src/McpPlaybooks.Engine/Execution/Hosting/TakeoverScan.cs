using System.Diagnostics;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The takeover scan: every unfinished execution with no live owner, claimed a batch at a time (one UPDATE per batch),
/// then rebuilt here one by one. At start-up a server runs it in the background (<see cref="StartResume"/>), and a call
/// about one execution takes that one over first (<see cref="EnsureTakenOverAsync"/>) rather than wait for the scan.
/// Each execution is taken over by <paramref name="takeover"/>; one it cannot take over is given back, or ended failed.
/// </summary>
internal sealed class TakeoverScan(HistoryStore history, EngineServices services, HeldRuns runs, Takeover takeover, RunLeases leases, ILogger logger)
{
    /// <summary>Executions claimed by one UPDATE.</summary>
    public const int Batch = 500;

    private Task<ResumeReport>? _resuming;
    private ResumeTally? _startupTally;

    private readonly CallTakeovers _callTakeovers = new();

    private DateTimeOffset Now => services.Time.GetUtcNow();

    /// <summary>True while the takeover begun by <see cref="StartResume"/> runs.</summary>
    public bool Resuming => _resuming is { IsCompleted: false };

    /// <summary>
    /// Begins the takeover scan in the background (once), when <paramref name="after"/> completes; the task completes with
    /// what it took over. From now on (<see cref="Resuming"/>) a call about one execution takes that one over first.
    /// <paramref name="token"/> stops it (the host closes).
    /// </summary>
    public Task<ResumeReport> StartResume(Task after, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (_resuming is null)
        {
            var tally = _startupTally = new ResumeTally();
            _resuming = Task.Run(async () =>
            {
                await after.WaitAsync(token).ConfigureAwait(false);
                return await ResumeUnfinishedAsync(tally, token).ConfigureAwait(false);
            });
        }

        return _resuming;
    }

    /// <summary>Waits for the scan begun by <see cref="StartResume"/>, once its token has been cancelled.</summary>
    public async Task StoppedAsync()
    {
        if (_resuming is null)
        {
            return;
        }

        try
        {
            await _resuming.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped with the heartbeat: the executions not yet taken over stay for the next process
        }
        catch (Exception e) when (e is HistoryWriteException or System.Data.Common.DbException or ObjectDisposedException)
        {
            HostLog.LeaseError(logger, e);
        }
    }

    /// <summary>
    /// Before a call reads or waits for one execution: while the start-up takeover runs, an execution it would take over
    /// (unfinished, real, no live owner but this process) is taken over now, so the call sees it resumed, never half-restored.
    /// </summary>
    public async Task EnsureTakenOverAsync(string executionId, CancellationToken cancellationToken)
    {
        if (!Resuming || runs.Holds(executionId))
        {
            return;
        }

        var record = await history.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.DryRun || record.Status.IsFinal())
        {
            return;
        }

        var owner = await history.GetOwnerAsync(executionId, Now, cancellationToken).ConfigureAwait(false);
        if (owner is null || owner == services.OwnerId)
        {
            await _callTakeovers.RunAsync(() => TakeOverForCallAsync(executionId, cancellationToken)).ConfigureAwait(false);
        }
    }

    private async Task TakeOverForCallAsync(string executionId, CancellationToken cancellationToken)
    {
        if (await TakeOverOneAsync(executionId, claimed: false, requestRecorded: null, cancellationToken).ConfigureAwait(false) is { } outcome)
        {
            _startupTally?.Add(executionId, outcome);
        }
    }

    /// <summary>Claims and resumes every unfinished execution whose owner is gone, a batch at a time.</summary>
    public Task<ResumeReport> ResumeUnfinishedAsync(CancellationToken cancellationToken) => ResumeUnfinishedAsync(new ResumeTally(), cancellationToken);

    private async Task<ResumeReport> ResumeUnfinishedAsync(ResumeTally tally, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        for (var batch = 1; ; batch++)
        {
            var claimed = await history.ClaimBatchAsync(services.OwnerId, Now + services.Options.LeaseDuration, Now, Batch, cancellationToken).ConfigureAwait(false);
            var fresh = claimed.Where(seen.Add).ToList();
            foreach (var again in claimed.Except(fresh, StringComparer.Ordinal))
            {
                // Claimed again by this scan. Failed earlier and given back: given back again, for the next scan. Taken over
                // earlier, its lease run out meanwhile (a slow start, a short lease): this claim renewed it at the same epoch and
                // the run keeps it, or, when another process held it in between, the claim is at a new epoch and a new run
                // replaces the stale one (TakeOverAsync tells which). Given back, the next scan claimed it at a new epoch and
                // stopped the live run.
                if (!runs.Holds(again))
                {
                    await leases.ReleaseQuietlyAsync(again).ConfigureAwait(false);
                }
                else if (await TakeOverOneAsync(again, claimed: true, requestRecorded: null, cancellationToken).ConfigureAwait(false) is { } outcome)
                {
                    tally.Add(again, outcome);
                }
            }

            if (fresh.Count == 0)
            {
                break;
            }

            var before = tally.Count;

            // One read for the batch: most executions were never cancelled or paused, and need no look at their own audit.
            var requestRecorded = await PendingRequest.RecordedAsync(history, fresh, cancellationToken).ConfigureAwait(false);

            // One after another: measured faster than in parallel on a small machine (they share one writer).
            foreach (var id in fresh)
            {
                // The history's reads complete synchronously, so without this a batch would hold one pool thread throughout,
                // and work queued meanwhile (the MCP server's next message: `initialize` at start-up) would wait behind all
                // 10,000 (measured: 800 ms on 2 cores). Yielding queues the rest of the scan behind whatever is waiting.
                await Task.Yield();
                if (await TakeOverOneAsync(id, claimed: true, requestRecorded, cancellationToken).ConfigureAwait(false) is { } outcome)
                {
                    tally.Add(id, outcome);
                }
            }

            var total = tally.Count;
            HostLog.TookOverBatch(logger, batch, fresh.Count, total - before, total, (long)watch.Elapsed.TotalMilliseconds);
        }

        if (ReferenceEquals(tally, _startupTally))
        {
            await _callTakeovers.EndedAsync().ConfigureAwait(false);
        }

        return tally.Report();
    }

    /// <summary>
    /// Takes over one execution; one whose pinned playbook no longer loads ends failed, and one that meets a passing problem
    /// (a busy database) is given back for the next scan. Null when it was not taken over here.
    /// </summary>
    private async Task<(List<string> Rerun, List<string> Interrupted)?> TakeOverOneAsync(string executionId, bool claimed, IReadOnlySet<string>? requestRecorded, CancellationToken cancellationToken)
    {
        try
        {
            return await takeover.TakeOverAsync(executionId, reopen: false, claimed, requestRecorded, cancellationToken).ConfigureAwait(false);
        }
        catch (PinnedPlaybookException e)
        {
            HostLog.TakeoverFailed(logger, executionId, e);
            if (await history.GetExecutionAsync(executionId, CancellationToken.None).ConfigureAwait(false) is { } record)
            {
                await GiveUpAsync(record, e).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HostLog.TakeoverFailed(logger, executionId, e);
            runs.Drop(executionId);
            await leases.ReleaseQuietlyAsync(executionId).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>An execution that cannot be rebuilt (its pinned playbook no longer loads) ends failed, saying why, so no process tries again.</summary>
    private async Task GiveUpAsync(ExecutionRecord record, Exception error)
    {
        runs.Drop(record.Id);
        var now = Now;
        try
        {
            await history.WriteAsync([new HistoryWrite.SaveExecution(record with
            {
                Status = ExecutionStatus.Failed,
                EndedAt = now,
                UpdatedAt = now,
                RunningSince = null,
                ErrorCategory = ErrorCategory.Configuration,
                ErrorMessage = $"its process died and it could not be resumed: {error.Message}",
            })]).ConfigureAwait(false);
        }
        catch (HistoryWriteException e)
        {
            HostLog.LeaseError(logger, e);
        }
    }
}
