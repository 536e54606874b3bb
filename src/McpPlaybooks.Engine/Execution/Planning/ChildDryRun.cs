using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution.Planning;

/// <summary>
/// What the dry run of a <see cref="PlannedChild"/> found: nothing (<see cref="Problem"/> null), or why a real run's step would
/// fail there: the child refused (not runnable for real, nested too deep; <see cref="ExecutionId"/> null), or its own dry run failed.
/// </summary>
internal sealed record ChildDryRun(string PlaybookId, string? ExecutionId, ErrorCategory? Category, string? Problem);
