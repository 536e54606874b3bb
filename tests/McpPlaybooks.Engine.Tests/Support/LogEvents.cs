using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// A logger factory that keeps every line an engine logs (event id, category and message) and lets a test await the first
/// line with a given event id: the engine's own account of what it did, without sleeping.
/// </summary>
internal sealed class LogEvents : ILoggerFactory
{
    private readonly ConcurrentQueue<(int EventId, string Message)> _lines = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _waiting = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _waitingForText = new(StringComparer.Ordinal);

    public IReadOnlyCollection<(int EventId, string Message)> Lines => _lines;

    /// <summary>Completes with the message of the first line logged with <paramref name="eventId"/> (already logged, or to come).</summary>
    public Task<string> FirstAsync(int eventId) => Waiter(eventId).Task;

    /// <summary>Completes with the first message that contains <paramref name="text"/> (already logged, or to come).</summary>
    public Task<string> FirstContainingAsync(string text)
    {
        var waiter = _waitingForText.GetOrAdd(text, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        foreach (var (_, message) in _lines)
        {
            if (message.Contains(text, StringComparison.Ordinal))
            {
                waiter.TrySetResult(message);
            }
        }

        return waiter.Task;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private TaskCompletionSource<string> Waiter(int eventId) =>
        _waiting.GetOrAdd(eventId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Logger(LogEvents events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            events._lines.Enqueue((eventId.Id, message));
            events.Waiter(eventId.Id).TrySetResult(message);
            foreach (var (text, waiter) in events._waitingForText)
            {
                if (message.Contains(text, StringComparison.Ordinal))
                {
                    waiter.TrySetResult(message);
                }
            }
        }
    }
}
