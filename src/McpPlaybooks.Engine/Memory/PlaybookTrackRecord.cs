namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// A cheap summary of a playbook's past, for ranking and warnings: finished executions (dry runs excluded), how many
/// completed, how many were cancelled (neither success nor failure), and the same per incident type.
/// <paramref name="SuccessRate"/> is Completed / (Runs - Cancelled - Rejected - BreakerRefused).
/// </summary>
public sealed record PlaybookTrackRecord(
    string PlaybookId,
    int Runs,
    int Completed,
    int Cancelled,
    double? SuccessRate,
    DateTimeOffset? LastRunAt,
    DateTimeOffset? LastSuccessAt,
    IReadOnlyList<IncidentTypeMetrics> IncidentTypes)
{
    /// <summary>Runs that failed only because people turned a gate down.</summary>
    public int Rejected { get; init; }

    /// <summary>Runs whose failed steps were only refused by an open circuit breaker.</summary>
    public int BreakerRefused { get; init; }

    /// <summary>The runs that succeeded or failed (completed, failed or rolled back).</summary>
    public int Decided => Runs - Cancelled - Rejected - BreakerRefused;
}
