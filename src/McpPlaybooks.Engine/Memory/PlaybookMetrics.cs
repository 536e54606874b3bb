namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// What happened to one playbook's finished executions (dry runs excluded). <paramref name="SuccessRate"/> is
/// Completed / (Completed + Failed + RolledBack): a cancelled run says nothing about the playbook, nor does a run
/// <see cref="Rejected"/> at a gate or <see cref="BreakerRefused"/> (these are not counted in Failed or RolledBack). Durations are the wall time of finished executions,
/// from log-scaled histograms (about 7% precision). <paramref name="Mttr"/> is the mean wall time of the executions
/// that completed (the mean time to remediate), null when none did.
/// </summary>
public sealed record PlaybookMetrics(
    string PlaybookId,
    int Runs,
    int Completed,
    int Failed,
    int Cancelled,
    int RolledBack,
    double? SuccessRate,
    TimeSpan? DurationP50,
    TimeSpan? DurationP95,
    TimeSpan? Mttr,
    DateTimeOffset? LastRunAt,
    DateTimeOffset? LastSuccessAt,
    IReadOnlyList<StepMetrics> Steps,
    IReadOnlyList<IncidentTypeMetrics> IncidentTypes)
{
    /// <summary>Runs that failed only because people turned a gate down (a rejection, or an approval timeout that rejects).</summary>
    public int Rejected { get; init; }

    /// <summary>Runs whose failed steps were only refused by an open circuit breaker (no call made).</summary>
    public int BreakerRefused { get; init; }
}
