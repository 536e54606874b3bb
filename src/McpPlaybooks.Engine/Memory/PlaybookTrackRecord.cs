namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// A cheap summary of a playbook's past, for ranking and warnings: finished executions (dry runs excluded), how many
/// completed, how many were cancelled (neither success nor failure), and the same per incident type.
/// <paramref name="SuccessRate"/> is Completed / (Runs - Cancelled).
/// </summary>
public sealed record PlaybookTrackRecord(
    string PlaybookId,
    int Runs,
    int Completed,
    int Cancelled,
    double? SuccessRate,
    DateTimeOffset? LastRunAt,
    DateTimeOffset? LastSuccessAt,
    IReadOnlyList<IncidentTypeMetrics> IncidentTypes);
