namespace McpPlaybooks.Engine.Execution;

/// <summary>The level of a line in an execution's log; the <c>log</c> action's <c>level</c>.</summary>
public enum ExecutionLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}
