using System.Collections.Concurrent;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>Fans every execution's changes out to the observers of all executions and of that one.</summary>
internal sealed class ObserverHub : IExecutionObserver
{
    private readonly ConcurrentDictionary<IExecutionObserver, byte> _all = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<IExecutionObserver, byte>> _byExecution = new(StringComparer.Ordinal);

    public IDisposable Add(string? executionId, IExecutionObserver observer)
    {
        if (executionId is null)
        {
            _all[observer] = 0;
            return new Subscription(() => _all.TryRemove(observer, out _));
        }

        var set = _byExecution.GetOrAdd(executionId, _ => new ConcurrentDictionary<IExecutionObserver, byte>());
        set[observer] = 0;
        return new Subscription(() =>
        {
            set.TryRemove(observer, out _);
            if (set.IsEmpty)
            {
                _byExecution.TryRemove(KeyValuePair.Create(executionId, set));
            }
        });
    }

    public void ExecutionChanged(ExecutionState state)
    {
        foreach (var observer in For(state.ExecutionId))
        {
            observer.ExecutionChanged(state);
        }
    }

    public void StepChanged(string executionId, StepState step)
    {
        foreach (var observer in For(executionId))
        {
            observer.StepChanged(executionId, step);
        }
    }

    public void LogWritten(ExecutionLogRecord entry)
    {
        foreach (var observer in For(entry.ExecutionId))
        {
            observer.LogWritten(entry);
        }
    }

    private IEnumerable<IExecutionObserver> For(string executionId)
    {
        foreach (var observer in _all.Keys)
        {
            yield return observer;
        }

        if (_byExecution.TryGetValue(executionId, out var set))
        {
            foreach (var observer in set.Keys)
            {
                yield return observer;
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
