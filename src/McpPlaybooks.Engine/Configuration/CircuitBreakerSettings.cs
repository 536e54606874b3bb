namespace McpPlaybooks.Engine.Configuration;

/// <summary>
/// The thresholds of the per-target circuit breakers, sized for a low-volume engine: a handful of
/// calls, not hundreds.
/// </summary>
public sealed class CircuitBreakerSettings
{
    /// <summary>The fewest calls in the window before the breaker may open.</summary>
    public int MinimumThroughput { get; init; } = 3;

    /// <summary>The share of failures in the window that opens the breaker.</summary>
    public double FailureRatio { get; init; } = 0.6;

    /// <summary>The window the ratio is measured over.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an open breaker fails fast before it lets one trial call through.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
