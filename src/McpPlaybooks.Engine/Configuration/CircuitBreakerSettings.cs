namespace McpPlaybooks.Engine.Configuration;

/// <summary>
/// The thresholds of the per-target circuit breakers (<c>Resilience:Breaker:*</c>), sized for a low-volume engine: a
/// handful of calls, not hundreds. A breaker opens when, in the last <see cref="Window"/>, at least
/// <see cref="MinimumCalls"/> calls were made to its target and at least <see cref="FailureRatio"/> of them failed in a
/// way that says the target is unhealthy; it then refuses calls for <see cref="OpenDuration"/>, after which one trial
/// call decides whether it closes.
/// </summary>
public sealed class CircuitBreakerSettings
{
    /// <summary>The fewest calls allowed for <see cref="MinimumCalls"/>.</summary>
    public const int LeastMinimumCalls = 2;

    /// <summary>Whether calls go through breakers at all; false never refuses a call.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The fewest calls in the window before the breaker may open (at least <see cref="LeastMinimumCalls"/>).</summary>
    public int MinimumCalls { get; init; } = 5;

    /// <summary>The share of unhealthy failures among the window's calls that opens the breaker, above 0 and at most 1.</summary>
    public double FailureRatio { get; init; } = 0.6;

    /// <summary>The window the ratio is measured over.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an open breaker refuses calls before it lets one trial call through.</summary>
    public TimeSpan OpenDuration { get; init; } = TimeSpan.FromSeconds(30);
}
