namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// One target (a breaker key: a host or an executable) over finished executions: its attempts, failures by category,
/// and <paramref name="BreakerRefusals"/>: the calls its open circuit breaker refused (failed fast, no call made), with
/// the last time (<paramref name="LastRefusedAt"/>). It counts refused calls, not how often the breaker opened.
/// </summary>
public sealed record TargetMetrics(
    string Target,
    int Attempts,
    int Failures,
    IReadOnlyList<CategoryCount> ErrorCategories,
    int BreakerRefusals,
    DateTimeOffset? LastRefusedAt);
