using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// An exception that ended a drive because of a fault of the engine, not of a step: its execution ends <c>failed</c>,
/// with <see cref="Error"/>, so that it neither stays <c>running</c> with no error nor is taken over, and fails again, by
/// every process that opens the history. A failed write (the history is unreachable, the lease was lost) or a cancel is
/// no such fault: that run stops unfinished and is taken over once the history is back.
/// </summary>
internal static class EngineFault
{
    /// <summary>The fault <paramref name="error"/> stands for; null when it is none.</summary>
    public static Exception? Of(Exception error)
    {
        var cause = error is AggregateException { InnerExceptions: [var single] } ? single : error;
        return cause is HistoryWriteException or OperationCanceledException ? null : cause;
    }

    /// <summary>The execution's error for <paramref name="fault"/>.</summary>
    public static StepError Error(Exception fault) => new(
        ErrorCategory.Unknown,
        $"the engine failed unexpectedly while running this execution ({fault.GetType().Name}: {fault.Message}); "
        + "this is a bug in mcp-playbooks: report it with this error and the server's log. Nothing more of it runs; start it again once the cause is fixed");
}
