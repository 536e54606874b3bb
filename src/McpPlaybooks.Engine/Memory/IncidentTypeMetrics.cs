namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// The executions of a playbook started for incidents of one type (the incident's <c>type</c>). <paramref name="SuccessRate"/>
/// is Completed / (Runs - Cancelled): a cancelled run is neither a success nor a failure.
/// </summary>
public sealed record IncidentTypeMetrics(string IncidentType, int Runs, int Completed, int Cancelled, double? SuccessRate)
{
    /// <summary>The runs that succeeded or failed (completed, failed or rolled back).</summary>
    public int Decided => Runs - Cancelled;
}
