namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>What starting an execution gave: a new one, or an existing one (same idempotency key, or an identical active run).</summary>
public sealed record ExecutionStart(string ExecutionId, bool Existing, string? Note);
