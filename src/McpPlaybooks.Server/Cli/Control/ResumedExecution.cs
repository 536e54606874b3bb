using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>One execution <c>resume</c> took over: the steps it re-ran or found interrupted, and its state once it ended or parked.</summary>
internal sealed record ResumedExecution(string ExecutionId, IReadOnlyList<string> Rerun, IReadOnlyList<string> Interrupted, ExecutionState? State);
