using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>Why a step (or an execution) failed: its category and a masked message.</summary>
public sealed record StepError(ErrorCategory Category, string Message);
