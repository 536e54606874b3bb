namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>
/// The execution-level counts one finished execution added to the aggregates (its status, wall time and incident type;
/// its steps' outcomes are kept beside it as JSON), kept in <c>memory_folds</c> so that finishing again (after a retry)
/// takes them back before adding the new ones, instead of counting the execution twice.
/// </summary>
internal sealed record FoldOutcome
{
    public required string PlaybookId { get; init; }

    public required long Day { get; init; }

    /// <summary>completed, failed, cancelled or rolled_back; or rejected or refused (<see cref="RunVerdict"/>).</summary>
    public required string Status { get; init; }

    public double? DurationMs { get; init; }

    public string? IncidentType { get; init; }
}
