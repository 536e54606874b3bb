using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>Where a wait left the execution, and a note for the caller (what happened in the chat, what to call next); null when nothing to say.</summary>
internal sealed record WaitOutcome(ExecutionState State, string? Note);
