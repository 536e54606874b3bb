using McpPlaybooks.Engine.History;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The host's heartbeat: every poll interval it applies requests queued by other processes; every third
/// of a lease it renews its leases and takes over executions whose owner's lease expired.
/// </summary>
internal sealed class Heartbeat(HistoryStore history, EngineServices services, RunLeases leases, RequestInbox inbox, TakeoverScan scan, ILogger logger)
{
    private readonly WakeSignal _wake = new();
    private IDisposable? _wakeOnRequests;
    private Task? _loops;
    private DateTimeOffset _lastScan = TimeProvider.System.GetUtcNow();
    private DateTimeOffset _lastOptimize = TimeProvider.System.GetUtcNow();

    /// <summary>How often the planner's statistics are refreshed (<c>PRAGMA optimize</c>), besides when the file opens.</summary>
    private static readonly TimeSpan OptimizeInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Starts the heartbeat (once), until <paramref name="token"/> is cancelled: two loops ticking on the real clock (the times
    /// they write come from the engine's clock). Lease renewal has its own loop, so slow work never delays it. The work loop
    /// also wakes when another process queues a request for this one (PostgreSQL's NOTIFY); the poll interval stays the fallback.
    /// </summary>
    public void Start(CancellationToken token)
    {
        if (_loops is not null)
        {
            return;
        }

        _wakeOnRequests = history.WakeOnRequests(services.OwnerId, _wake.Wake);
        // Not started with the token: a loop cancelled before it began ends as one cancelled later, quietly.
        _loops = Task.WhenAll(
            Task.Run(() => LoopAsync(services.Options.LeaseDuration / 3, leases.RenewAsync, token), CancellationToken.None),
            Task.Run(() => LoopAsync(services.Options.PollInterval, WorkAsync, token, _wake), CancellationToken.None));
    }

    /// <summary>Once the token given to <see cref="Start"/> is cancelled: hears no more wakes, and completes when both loops have stopped.</summary>
    public async Task StoppedAsync()
    {
        _wakeOnRequests?.Dispose();
        if (_loops is not null)
        {
            await _loops.ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(CancellationToken token)
    {
        await inbox.ApplyPendingAsync(token).ConfigureAwait(false);
        var real = TimeProvider.System.GetUtcNow();
        if (services.Options.ResumeOnOpen && !scan.Resuming && real - _lastScan >= services.Options.LeaseDuration / 3)
        {
            _lastScan = real;
            await scan.ResumeUnfinishedAsync(token).ConfigureAwait(false);
        }

        if (real - _lastOptimize >= OptimizeInterval)
        {
            _lastOptimize = real;
            await history.OptimizeAsync().ConfigureAwait(false);
        }
    }

    private async Task LoopAsync(TimeSpan interval, Func<CancellationToken, Task> tick, CancellationToken token, WakeSignal? wake = null)
    {
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
            catch (Exception e) when (e is HistoryWriteException or InvalidOperationException or System.Data.Common.DbException)
            {
                HostLog.LeaseError(logger, e);
            }
        }
    }
}
