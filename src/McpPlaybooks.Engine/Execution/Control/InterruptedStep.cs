namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>A step that was running when its process died and is not idempotent: it waits for <c>retry_step</c> or <c>skip_step</c>.</summary>
public sealed record InterruptedStep(string ExecutionId, string StepId);
