namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>
/// What taking over unfinished executions did: the executions this process now owns and drives, and the
/// steps found in flight that could not run again (not idempotent) and are now <c>interrupted</c>.
/// </summary>
public sealed record ResumeReport(IReadOnlyList<string> Resumed, IReadOnlyList<InterruptedStep> Interrupted, IReadOnlyList<string> Rerun);
