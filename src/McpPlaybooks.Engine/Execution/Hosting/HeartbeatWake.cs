namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Cuts the heartbeat's wait short: the store calls <see cref="Wake"/> when another process queues a request for this one.
/// A wake while the heartbeat is busy is kept for its next wait, so none is lost; the interval stays the fallback.
/// </summary>
internal sealed class HeartbeatWake
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
            // A wake until now is answered by the tick that follows: it reads the requests after their commit.
            _woken = false;
            _waiting = null;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
