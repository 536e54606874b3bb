namespace McpPlaybooks.Engine.History.Records;

/// <summary>An event delivered to an execution with <c>signal</c>; an <c>event</c> step consumes the first one that matches.</summary>
public sealed record SignalRecord
{
    /// <summary>Assigned by the store.</summary>
    public long Id { get; init; }

    public required string ExecutionId { get; init; }

    public required string Type { get; init; }

    public string? Correlation { get; init; }

    /// <summary>Masked JSON; null when none.</summary>
    public string? PayloadJson { get; init; }

    public required string SentBy { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The step that consumed it; null while nobody has.</summary>
    public string? ConsumedBy { get; init; }

    public DateTimeOffset? ConsumedAt { get; init; }
}
