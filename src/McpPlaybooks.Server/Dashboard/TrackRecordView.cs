namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// A playbook's track record: the learning memory's counts over all its finished real executions (success rate leaves
/// cancelled runs out; durations are wall time, p50 and p95 in milliseconds), and its latest executions (dry runs too).
/// </summary>
internal sealed record TrackRecordView
{
    public int Runs { get; init; }

    public int Completed { get; init; }

    public int Failed { get; init; }

    public int Cancelled { get; init; }

    public int RolledBack { get; init; }

    public double? SuccessRate { get; init; }

    public double? P50Ms { get; init; }

    public double? P95Ms { get; init; }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ExecutionSummary> Recent { get; init; } = [];
}
