namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// One target (a breaker key: a host or an executable) over finished executions: its attempts, failures by category,
/// and how many times its circuit breaker opened (refused calls), with the last time.
/// </summary>
public sealed record TargetMetrics(
    string Target,
    int Attempts,
    int Failures,
    IReadOnlyList<CategoryCount> ErrorCategories,
    int BreakerOpenings,
    DateTimeOffset? LastBreakerOpenAt);
