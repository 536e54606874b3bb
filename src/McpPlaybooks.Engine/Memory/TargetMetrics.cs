namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// One target (a breaker key: a host or an executable) over finished executions: its attempts, failures by category,
/// and <paramref name="BreakerOpenings"/>: the attempts its open circuit breaker refused (failed fast), with the last time.
/// </summary>
public sealed record TargetMetrics(
    string Target,
    int Attempts,
    int Failures,
    IReadOnlyList<CategoryCount> ErrorCategories,
    int BreakerOpenings,
    DateTimeOffset? LastBreakerOpenAt);
