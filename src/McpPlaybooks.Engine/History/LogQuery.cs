using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.History;

/// <summary>A page of an execution's log, oldest first.</summary>
public sealed record LogQuery
{
    public required string ExecutionId { get; init; }

    public string? StepId { get; init; }

    /// <summary>Only lines at or above this level.</summary>
    public ExecutionLogLevel MinimumLevel { get; init; } = ExecutionLogLevel.Debug;

    /// <summary>Lines after this id (the previous page's <see cref="LogPage.NextCursor"/>); null for the first page.</summary>
    public long? AfterId { get; init; }

    public int Limit { get; init; } = 100;
}
