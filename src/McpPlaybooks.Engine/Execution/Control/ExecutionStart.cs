namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>
/// What starting an execution gave: a new one, or an existing one (same idempotency key, or an identical active run).
/// <see cref="Duplicate"/> is true for the identical active run (no idempotency key was given).
/// </summary>
public sealed record ExecutionStart(string ExecutionId, bool Existing, string? Note, bool Duplicate = false);
