using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>Something the caller may do now, as a tool call: <c>get_execution_logs</c> with its arguments, and why.</summary>
public sealed record NextAction(string Tool, Value Arguments, string Why);
