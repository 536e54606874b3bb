using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>Something an execution did while a call waited on it: a step changed (<see cref="Step"/>) or a log line was written (<see cref="Log"/>).</summary>
internal sealed record ExecutionEvent(string ExecutionId, StepState? Step, ExecutionLogRecord? Log);
