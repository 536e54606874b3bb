using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The requests other processes queued for executions this process owns, applied one lane per execution: in a lane one
/// after another, in the order they were queued (by id); lanes side by side, so that a request that takes long (a rollback
/// running its compensations) holds up only its own execution, and the tick that hands requests over waits for none.
/// Before, each request ran in its own task, and two queued for one execution (a pause then a resume, a decision then a
/// cancel) took effect in either order.
/// </summary>
internal sealed class RequestLanes
{
    private readonly Lock _gate = new();

    /// <summary>Per execution, the last request handed to its lane; gone once the lane is empty.</summary>
    private readonly Dictionary<string, Task> _last = new(StringComparer.Ordinal);

    /// <summary>
    /// Hands <paramref name="pending"/> (as read, by id) to their lanes: those <paramref name="take"/> accepts (not taken up
    /// yet), each applied by <paramref name="apply"/> once the request before it in its lane has been. One batch at a time,
    /// so that two readers (the tick, a forwarding caller that took an execution over) never interleave a lane's order.
    /// </summary>
    public void Hand(IEnumerable<ControlRequestRecord> pending, Func<ControlRequestRecord, bool> take, Func<ControlRequestRecord, Task> apply)
    {
        var handed = new List<(string ExecutionId, Task Applied)>();
        lock (_gate)
        {
            foreach (var record in pending.OrderBy(r => r.Id).Where(take))
            {
                var before = _last.GetValueOrDefault(record.ExecutionId) ?? Task.CompletedTask;
                var applied = Task.Run(async () =>
                {
                    // How the one before ended is its own to report (RequestInbox logs it): the lane goes on.
                    await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    await apply(record).ConfigureAwait(false);
                });
                _last[record.ExecutionId] = applied;
                handed.Add((record.ExecutionId, applied));
            }
        }

        foreach (var (executionId, applied) in handed)
        {
            _ = applied.ContinueWith(_ => Forget(executionId, applied), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private void Forget(string executionId, Task applied)
    {
        lock (_gate)
        {
            if (_last.TryGetValue(executionId, out var last) && last == applied)
            {
                _last.Remove(executionId);
            }
        }
    }
}
