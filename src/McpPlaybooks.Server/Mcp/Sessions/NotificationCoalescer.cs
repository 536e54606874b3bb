namespace McpPlaybooks.Server.Mcp.Sessions;

/// <summary>
/// Sends one notification (one session, one URI) without flooding and without losing the last change: at most one send
/// is in flight, and changes posted meanwhile make exactly one more send once it is done.
/// </summary>
internal sealed class NotificationCoalescer(Func<CancellationToken, Task> send, CancellationToken stopping)
{
    private readonly Lock _gate = new();
    private bool _running;
    private bool _again;

    /// <summary>Asks for a send; returns the sending loop when this call started one, else null (a running loop will send again).</summary>
    public Task? Post()
    {
        lock (_gate)
        {
            if (_running)
            {
                _again = true;
                return null;
            }

            _running = true;
        }

        return Task.Run(LoopAsync, CancellationToken.None);
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            if (!stopping.IsCancellationRequested)
            {
                await send(stopping).ConfigureAwait(false);
            }

            lock (_gate)
            {
                if (!_again || stopping.IsCancellationRequested)
                {
                    _running = false;
                    _again = false;
                    return;
                }

                _again = false;
            }
        }
    }
}
