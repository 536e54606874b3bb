using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Hears an execution as it goes, after each change is committed to history. Calls come from the
/// engine's tasks, possibly at once from several steps; an observer must be quick and thread-safe.
/// </summary>
public interface IExecutionObserver
{
    void ExecutionChanged(ExecutionState state) { }

    void StepChanged(string executionId, StepState step) { }

    void LogWritten(ExecutionLogRecord entry) { }
}
