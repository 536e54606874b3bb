namespace McpPlaybooks.Engine.Memory;

/// <summary>What <see cref="LearningMemory.GetMetricsAsync"/> covers: one playbook or all, since a day or always.</summary>
public sealed record MetricsQuery
{
    /// <summary>Only this playbook; null for every playbook.</summary>
    public string? PlaybookId { get; init; }

    /// <summary>Only executions that ended on or after this instant's UTC day (aggregates are kept per day); null for all history.</summary>
    public DateTimeOffset? Since { get; init; }
}
