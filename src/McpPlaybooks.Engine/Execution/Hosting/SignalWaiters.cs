using System.Collections.Concurrent;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>Wakes the event steps of an execution when a signal for it is recorded; they then look in history.</summary>
internal sealed class SignalWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>Completes at the next signal for the execution; take it before looking, so none is missed.</summary>
    public Task Waiter(string executionId) =>
        _waiters.GetOrAdd(executionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string executionId)
    {
        if (_waiters.TryRemove(executionId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
