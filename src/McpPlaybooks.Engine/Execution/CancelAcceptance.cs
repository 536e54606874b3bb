namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// A run's cancel and the requests it would overtake (a pause, a resume, a signal, a step reopened, a decision) are accepted
/// in one order. A request passes the cancel check and is counted under the run's lock, in the same step; a cancel is marked
/// accepted under that lock before anything of it is recorded, and records itself only once every request counted before
/// it is recorded. So a request is either refused (nothing recorded) or recorded, and applied, before the cancel that ends
/// the execution. Before, the check ran under the lock and the request's audit was written after it, unguarded: a cancel
/// recorded in between let the request be audited after it and then ignored.
/// </summary>
/// <param name="gate">The run's lock: <see cref="Accepting"/>, <see cref="AcceptCancel"/> and <see cref="CancelAccepted"/> are used under it.</param>
internal sealed class CancelAcceptance(Lock gate)
{
    /// <summary>Requests past the cancel check whose recording is not done.</summary>
    private int _accepting;

    /// <summary>Completes when the last counted request is recorded; a cancel accepted meanwhile waits for it.</summary>
    private TaskCompletionSource? _acceptedAll;

    /// <summary>A cancel was accepted: its steps may not be told to stop yet, but every request from now on is refused.</summary>
    public bool CancelAccepted { get; private set; }

    /// <summary>Counts a request that passed the cancel check in the same hold of the lock; disposed once it is recorded (or refused after all).</summary>
    public IDisposable Accepting()
    {
        _accepting++;
        return new Counted(this);
    }

    /// <summary>
    /// Marks a cancel accepted. The task completes once the requests accepted before it are recorded: the cancel is recorded
    /// after them.
    /// </summary>
    public Task AcceptCancel()
    {
        CancelAccepted = true;
        return _accepting == 0 ? Task.CompletedTask : (_acceptedAll ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    /// <summary>
    /// The cancel was not recorded (the history failed): requests are accepted again. A step already told to stop still
    /// refuses them: the run's check reads its cancel as well as this mark.
    /// </summary>
    public void NotAccepted()
    {
        lock (gate)
        {
            CancelAccepted = false;
        }
    }

    private void Done()
    {
        TaskCompletionSource? all = null;
        lock (gate)
        {
            if (--_accepting == 0)
            {
                (all, _acceptedAll) = (_acceptedAll, null);
            }
        }

        all?.TrySetResult();
    }

    private sealed class Counted(CancelAcceptance owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                owner.Done();
            }
        }
    }
}
