namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// One playbook's finished executions (dry runs excluded) on one UTC day, from the same aggregates as
/// <see cref="PlaybookMetrics"/>: counts, <paramref name="SuccessRate"/> (Completed / (Completed + Failed + RolledBack), null
/// when none of them ended so), and the wall time's p50 and p95 from that day's histogram (about 7% precision).
/// </summary>
/// <param name="Day">Midnight UTC of the day.</param>
public sealed record PlaybookDay(
    string PlaybookId,
    DateTimeOffset Day,
    int Runs,
    int Completed,
    int Failed,
    int Cancelled,
    int RolledBack,
    double? SuccessRate,
    TimeSpan? DurationP50,
    TimeSpan? DurationP95);
