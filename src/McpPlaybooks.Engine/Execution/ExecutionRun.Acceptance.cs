namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// A cancel and the requests it would overtake (a pause, a resume, a signal, a step reopened, a decision) are accepted in
/// one order. A request passes the cancel check and is counted under the run's lock, in the same step; a cancel is marked
/// accepted under that lock before anything of it is recorded, and records itself only once every request counted before
/// it is recorded. So a request is either refused (nothing recorded) or recorded, and applied, before the cancel that ends
/// the execution. Before, the check ran under the lock and the request's audit was written after it, unguarded: a cancel
/// recorded in between let the request be audited after it and then ignored.
/// </summary>
internal sealed partial class ExecutionRun
{
    /// <summary>A cancel was accepted: its steps may not be told to stop yet, but every request from now on is refused.</summary>
    private bool _cancelAccepted;

    /// <summary>Requests past the cancel check whose recording is not done.</summary>
    private int _accepting;

    /// <summary>Completes when the last counted request is recorded; a cancel accepted meanwhile waits for it.</summary>
    private TaskCompletionSource? _acceptedAll;

    /// <summary>Counts a request that passed <see cref="RefuseWhileCancelling"/> in the same hold of the lock; call it under the lock.</summary>
    private Acceptance Accepting()
    {
        _accepting++;
        return new Acceptance(this);
    }

    /// <summary>
    /// Marks a cancel accepted; call it under the lock. The task completes once the requests accepted before it are recorded:
    /// the cancel is recorded after them.
    /// </summary>
    private Task AcceptCancel()
    {
        _cancelAccepted = true;
        return _accepting == 0 ? Task.CompletedTask : (_acceptedAll ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    /// <summary>The cancel was not recorded (the history failed) and told no step to stop: requests are accepted again.</summary>
    private void CancelNotAccepted()
    {
        lock (_lock)
        {
            _cancelAccepted = _cancel.IsCancellationRequested;
        }
    }

    private void AcceptanceDone()
    {
        TaskCompletionSource? all = null;
        lock (_lock)
        {
            if (--_accepting == 0)
            {
                (all, _acceptedAll) = (_acceptedAll, null);
            }
        }

        all?.TrySetResult();
    }

    /// <summary>A counted request; disposed once it is recorded (or refused after all).</summary>
    private sealed class Acceptance(ExecutionRun run) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                run.AcceptanceDone();
            }
        }
    }
}
