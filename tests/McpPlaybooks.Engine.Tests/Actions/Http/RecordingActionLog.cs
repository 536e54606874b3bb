using System.Collections.Concurrent;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.Tests.Actions.Http;

/// <summary>Keeps what an action writes to its log, for assertions.</summary>
public sealed class RecordingActionLog : IActionLog
{
    private readonly ConcurrentQueue<(ExecutionLogLevel Level, string Message)> _lines = new();

    public IReadOnlyCollection<(ExecutionLogLevel Level, string Message)> Lines => _lines;

    public void Write(ExecutionLogLevel level, string message) => _lines.Enqueue((level, message));
}
