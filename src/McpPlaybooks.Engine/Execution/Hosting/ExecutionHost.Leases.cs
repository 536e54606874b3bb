namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The host's heartbeat: every poll interval it applies requests queued by other processes; every third
/// of a lease it renews its leases and takes over executions whose owner's lease expired.
/// </summary>
internal sealed partial class ExecutionHost
{
    private readonly WakeSignal _wake = new();
    private IDisposable? _wakeOnRequests;
    private Task? _heartbeat;
    private DateTimeOffset _lastScan = TimeProvider.System.GetUtcNow();
    private DateTimeOffset _lastOptimize = TimeProvider.System.GetUtcNow();

    /// <summary>How often the planner's statistics are refreshed (<c>PRAGMA optimize</c>), besides when the file opens.</summary>
    private static readonly TimeSpan OptimizeInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Starts the heartbeat: two loops ticking on the real clock (the times they write come from the engine's
    /// clock). Lease renewal has its own loop, so slow work never delays it. The work loop also wakes when another process
    /// queues a request for this one (PostgreSQL's NOTIFY); the poll interval stays the fallback.
    /// </summary>
    public void StartHeartbeat()
    {
        if (_heartbeat is not null)
        {
            return;
        }

        _wakeOnRequests = History.WakeOnRequests(Services.OwnerId, _wake.Wake);
        _heartbeat = Task.WhenAll(
            Task.Run(() => LoopAsync(Services.Options.LeaseDuration / 3, _leases.RenewAsync)),
            Task.Run(() => LoopAsync(Services.Options.PollInterval, WorkAsync, _wake)));
    }

    private async Task WorkAsync(CancellationToken token)
    {
        await _inbox.ApplyPendingAsync(token).ConfigureAwait(false);
        var real = TimeProvider.System.GetUtcNow();
        if (Services.Options.ResumeOnOpen && !_scan.Resuming && real - _lastScan >= Services.Options.LeaseDuration / 3)
        {
            _lastScan = real;
            await _scan.ResumeUnfinishedAsync(token).ConfigureAwait(false);
        }

        if (real - _lastOptimize >= OptimizeInterval)
        {
            _lastOptimize = real;
            await History.OptimizeAsync().ConfigureAwait(false);
        }
    }

    private async Task LoopAsync(TimeSpan interval, Func<CancellationToken, Task> tick, WakeSignal? wake = null)
    {
        var token = _closing.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await (wake?.WaitAsync(interval, TimeProvider.System, token) ?? Task.Delay(interval, TimeProvider.System, token)).ConfigureAwait(false);
                await tick(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is Engine.History.HistoryWriteException or InvalidOperationException or System.Data.Common.DbException)
            {
                HostLog.LeaseError(_logger, e);
            }
        }
    }

    /// <summary>
    /// Stops the heartbeat and the deadlines, and lets other processes take over at once the executions
    /// parked here. Runs still driving keep their leases, which expire, as after a crash.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        _wakeOnRequests?.Dispose();
        if (_heartbeat is not null)
        {
            await _heartbeat.ConfigureAwait(false);
        }

        await _scan.StoppedAsync().ConfigureAwait(false);
        _runs.Dispose();
        await _leases.ReleaseParkedAsync().ConfigureAwait(false);
        _closing.Dispose();
        _startLock.Dispose();
        Signals.Dispose();
    }
}
