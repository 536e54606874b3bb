using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.Actions;

/// <summary>Where an action writes lines for the execution's log. The engine masks secrets and records them.</summary>
public interface IActionLog
{
    void Write(ExecutionLogLevel level, string message);
}
