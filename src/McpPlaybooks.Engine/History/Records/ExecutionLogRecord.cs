using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.History.Records;

/// <summary>A line of an execution's log. <see cref="Id"/> is assigned by the store and orders the log; it is the paging cursor.</summary>
public sealed record ExecutionLogRecord
{
    public long Id { get; init; }

    public required string ExecutionId { get; init; }

    /// <summary>The step it belongs to; null for the execution itself.</summary>
    public string? StepId { get; init; }

    public required ExecutionLogLevel Level { get; init; }

    public required string Message { get; init; }

    public required DateTimeOffset At { get; init; }
}
