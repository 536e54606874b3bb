namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The takeovers that calls began while the start-up scan ran: the scan reports only once they have ended, so its report
/// lists every execution taken over at start-up, whichever of the two took it. Each is listed before it begins: the
/// history's reads complete synchronously, so a takeover may be done before it could return a task, and a scan that ended
/// meanwhile would have reported without it.
/// </summary>
internal sealed class CallTakeovers
{
    private readonly List<Task> _begun = [];

    /// <summary>Lists a takeover, runs it, and ends its entry whatever happened (a failure is the call's to see).</summary>
    public async Task RunAsync(Func<Task> takeover)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_begun)
        {
            _begun.Add(ended.Task);
        }

        try
        {
            await takeover().ConfigureAwait(false);
        }
        finally
        {
            ended.TrySetResult();
        }
    }

    /// <summary>Completes once every takeover listed so far, and every one listed while waiting, has ended.</summary>
    public async Task EndedAsync()
    {
        var waited = 0;
        while (true)
        {
            Task[] pending;
            lock (_begun)
            {
                if (_begun.Count == waited)
                {
                    return;
                }

                pending = [.. _begun];
            }

            waited = pending.Length;
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }
}
