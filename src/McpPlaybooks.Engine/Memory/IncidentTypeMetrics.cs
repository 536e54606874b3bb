namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// The executions of a playbook started for incidents of one type (the incident's <c>type</c>). <paramref name="SuccessRate"/>
/// is Completed / (Runs - Cancelled - Rejected - BreakerRefused): a cancelled run is neither a success nor a failure, nor is
/// one turned down at a gate or refused by an open breaker.
/// </summary>
public sealed record IncidentTypeMetrics(string IncidentType, int Runs, int Completed, int Cancelled, double? SuccessRate)
{
    /// <summary>Runs that failed only because people turned a gate down.</summary>
    public int Rejected { get; init; }

    /// <summary>Runs whose failed steps were only refused by an open circuit breaker.</summary>
    public int BreakerRefused { get; init; }

    /// <summary>The runs that succeeded or failed (completed, failed or rolled back).</summary>
    public int Decided => Runs - Cancelled - Rejected - BreakerRefused;
}
