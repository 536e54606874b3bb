namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// A playbook's track record: the learning memory's counts over all its finished real executions (success rate leaves
/// cancelled, rejected and breaker-refused runs out, as the tools' results do; durations are wall time, p50 and p95 in
/// milliseconds), and its latest executions (dry runs too).
/// </summary>
internal sealed record TrackRecordView
{
    public int Runs { get; init; }

    public int Completed { get; init; }

    public int Failed { get; init; }

    public int Cancelled { get; init; }

    public int RolledBack { get; init; }

    /// <summary>Runs that failed only because people turned a gate down (a rejection, or an approval timeout that rejects).</summary>
    public int Rejected { get; init; }

    /// <summary>Runs whose failed steps were only refused by an open circuit breaker (no call was made).</summary>
    public int BreakerRefused { get; init; }

    public double? SuccessRate { get; init; }

    public double? P50Ms { get; init; }

    public double? P95Ms { get; init; }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ExecutionSummary> Recent { get; init; } = [];
}
