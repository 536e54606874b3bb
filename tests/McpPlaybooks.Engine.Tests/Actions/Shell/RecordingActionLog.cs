using System.Collections.Concurrent;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

/// <summary>An action log that keeps its lines, for assertions.</summary>
internal sealed class RecordingActionLog : IActionLog
{
    private readonly ConcurrentQueue<(ExecutionLogLevel Level, string Message)> _lines = new();

    public IReadOnlyList<(ExecutionLogLevel Level, string Message)> Lines => [.. _lines];

    public void Write(ExecutionLogLevel level, string message) => _lines.Enqueue((level, message));
}
