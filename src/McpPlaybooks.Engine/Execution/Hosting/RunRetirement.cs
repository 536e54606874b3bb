namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// How an ended run leaves the process without racing a control action that reopens it (<c>retry_step</c>, <c>skip_step</c>,
/// <c>rollback</c>). Each action holds an entry while it runs; the run retires only when it has ended, no drive runs and no
/// entry is held, and from then on no entry is given: the action waits until the run is gone (its lease released, out of
/// the process's runs) and takes the execution from history. Before this, a run that ended while a retry of it began could
/// be dropped after the check that it had ended and its lease released, while the retry drove it on: a run with no lease
/// and unknown to its process, which a second takeover then ran beside it.
/// </summary>
internal sealed class RunRetirement
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _entries;
    private bool _retired;

    /// <summary>Completes once the retired run has left the process.</summary>
    public Task Gone => _gone.Task;

    /// <summary>An entry for one control action, held while it runs; null when the run has retired (wait for <see cref="Gone"/>).</summary>
    public IDisposable? Enter()
    {
        lock (_lock)
        {
            if (_retired)
            {
                return null;
            }

            _entries++;
            return new Entry(this);
        }
    }

    /// <summary>Retires the run when <paramref name="ended"/> says it has ended with no drive, and no action holds an entry.</summary>
    public bool TryRetire(Func<bool> ended)
    {
        lock (_lock)
        {
            if (_retired || _entries > 0 || !ended())
            {
                return false;
            }

            _retired = true;
            return true;
        }
    }

    /// <summary>The retired run has left the process: actions that found it retired go on from history.</summary>
    public void Left() => _gone.TrySetResult();

    private void Leave()
    {
        lock (_lock)
        {
            _entries--;
        }
    }

    private sealed class Entry(RunRetirement owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave();
            }
        }
    }
}
