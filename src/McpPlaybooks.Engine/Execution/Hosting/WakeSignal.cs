namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Cuts a polling wait short: the store calls <see cref="Wake"/> when another process committed what the poll looks for (a
/// request for this one, for the heartbeat; the outcome of a forwarded request, for its caller). A wake while the poller is
/// busy is kept for its next wait, so none is lost; the interval stays the fallback.
/// </summary>
internal sealed class WakeSignal
{
    private readonly Lock _gate = new();
    private bool _woken;
    private TaskCompletionSource? _waiting;

    /// <summary>Ends the current wait now, or the next one as soon as it begins.</summary>
    public void Wake()
    {
        TaskCompletionSource? waiting;
        lock (_gate)
        {
            _woken = true;
            waiting = _waiting;
        }

        waiting?.TrySetResult();
    }

    /// <summary>Returns after <paramref name="interval"/>, or at a wake, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            if (_woken)
            {
                _woken = false;
                return;
            }

            woken = _waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(woken.Task, Task.Delay(interval, time, stop.Token)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false); // no timer left behind after a wake
        lock (_gate)
        {
            // A wake until now is answered by the look that follows: it reads after the commit that woke it.
            _woken = false;
            _waiting = null;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
