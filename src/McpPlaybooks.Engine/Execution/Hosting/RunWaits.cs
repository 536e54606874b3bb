using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Waits for executions: one until it ends or parks (driven here, or by another process and followed through history:
/// <paramref name="storedState"/> reads it there), and all of this process's runs until none is driving.
/// </summary>
internal sealed class RunWaits(HistoryStore history, TimeProvider time, HeldRuns runs, TakeoverScan scan, Func<string, CancellationToken, Task<ExecutionState?>> storedState)
{
    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Waits until the execution ends or parks, or the timeout passes; its state then.</summary>
    public async Task<ExecutionState> WaitAsync(string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await scan.EnsureTakenOverAsync(executionId, cancellationToken).ConfigureAwait(false);
        var forever = timeout == Timeout.InfiniteTimeSpan;
        var deadline = forever ? DateTimeOffset.MaxValue : Now + timeout;
        var graces = 0;
        while (true)
        {
            if (runs.TryGet(executionId, out var run))
            {
                var settled = run.Settled;
                if (runs.IsParkedThroughChildren(run))
                {
                    return run.CurrentState;
                }

                var left = forever ? Timeout.InfiniteTimeSpan : deadline - Now;
                if (!settled.IsCompleted && (forever || left > TimeSpan.Zero))
                {
                    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    List<Task> wakes = [settled, Task.Delay(left, time, stop.Token)];
                    if (run.RunsChildren)
                    {
                        wakes.Add(Task.Delay(ParkedThroughChildren.LookAgain, TimeProvider.System, stop.Token));
                    }

                    await Task.WhenAny(wakes).ConfigureAwait(false);
                    await stop.CancelAsync().ConfigureAwait(false); // no timer left behind once the run settled
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (runs.IsParkedThroughChildren(run))
                {
                    return run.CurrentState;
                }

                if (run.IsDriving && Now < deadline)
                {
                    continue; // a new drive began (a decision arrived): keep waiting
                }

                // The lease was taken over: the new owner drives it; follow it through history.
                if (settled is { IsFaulted: true, Exception.InnerException: LeaseLostException } && !run.IsDriving)
                {
                    continue;
                }

                // The drive stopped because its history could not be written: its state would say "running", a lie.
                if (settled is { IsFaulted: true, Exception.InnerException: HistoryWriteException failure } && !run.IsDriving)
                {
                    throw HistoryErrors.Stopped(executionId, failure);
                }

                // A decision that came while the drive was parking is acted on by a drive started just after it: not parked yet.
                if (run.HasDecidedGate && Now < deadline && graces++ < MaxRedriveGraces)
                {
                    await Task.Delay(RedriveGrace, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // That drive may have begun after the first look at IsDriving and already left the gate (status Running, so
                // no decided gate any more): look again, or the caller hears "running" from a run that is still going on.
                if (run.IsDriving && Now < deadline)
                {
                    continue;
                }

                return run.CurrentState;
            }

            var record = await history.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw ExecutionHost.Unknown(executionId);
            if (runs.Holds(executionId))
            {
                continue; // taken over meanwhile
            }

            if (record.Status is not (ExecutionStatus.Running or ExecutionStatus.Pending or ExecutionStatus.RollingBack) || Now >= deadline
                || await ParkedThroughChildren.InHistoryAsync(history, record, cancellationToken).ConfigureAwait(false))
            {
                return await storedState(executionId, cancellationToken).ConfigureAwait(false) ?? throw ExecutionHost.Unknown(executionId);
            }

            // Driven by another process: follow it through history.
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long a wait looks again for the drive that acts on a decision made while the last one parked, and how often at most (a second in all).</summary>
    private static readonly TimeSpan RedriveGrace = TimeSpan.FromMilliseconds(5);

    private const int MaxRedriveGraces = 200;

    /// <summary>Waits until no run of this process is driving, but for those parked through their children (<see cref="ParkedThroughChildren"/>).</summary>
    public async Task WaitIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var driving = runs.Values.Where(r => r.IsDriving && !runs.IsParkedThroughChildren(r)).ToList();
            if (driving.Count == 0)
            {
                return;
            }

            var settled = Task.WhenAll(driving.Select(r => r.Settled));
            if (driving.Exists(r => r.RunsChildren))
            {
                await Task.WhenAny(settled, Task.Delay(ParkedThroughChildren.LookAgain, TimeProvider.System, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            else
            {
                await settled.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
