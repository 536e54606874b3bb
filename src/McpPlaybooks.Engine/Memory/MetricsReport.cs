namespace McpPlaybooks.Engine.Memory;

/// <summary>The answer of <see cref="LearningMemory.GetMetricsAsync"/>: per playbook (with its steps and incident types) and per target.</summary>
/// <param name="Since">The first UTC day counted, or null for all history.</param>
public sealed record MetricsReport(
    DateTimeOffset? Since,
    IReadOnlyList<PlaybookMetrics> Playbooks,
    IReadOnlyList<TargetMetrics> Targets);
