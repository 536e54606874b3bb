using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Tests.Execution.Scheduling;

/// <summary>Keeps the error lines a component logs, with their exceptions.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(string Message, Exception? Exception)> Errors { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            lock (Errors)
            {
                Errors.Add((formatter(state, exception), exception));
            }
        }
    }
}
