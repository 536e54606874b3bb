namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// A cheap summary of a playbook's past, for ranking and warnings: finished executions (dry runs excluded), how many
/// completed, and the same per incident type.
/// </summary>
public sealed record PlaybookTrackRecord(
    string PlaybookId,
    int Runs,
    int Completed,
    double? SuccessRate,
    DateTimeOffset? LastRunAt,
    DateTimeOffset? LastSuccessAt,
    IReadOnlyList<IncidentTypeMetrics> IncidentTypes);
