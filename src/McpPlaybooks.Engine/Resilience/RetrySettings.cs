using System.Collections.Frozen;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>A step's retry policy with every default applied: the step's, then the playbook's defaults, then the engine's.</summary>
public sealed record RetrySettings(int MaxAttempts, BackoffKind Backoff, TimeSpan Delay, TimeSpan? MaxDelay, bool Jitter, IReadOnlySet<ErrorCategory> RetryOn)
{
    /// <summary>The categories retried when neither the step nor the playbook says: the transient ones.</summary>
    public static readonly IReadOnlySet<ErrorCategory> DefaultRetryOn = new[]
    {
        ErrorCategory.Network, ErrorCategory.Timeout, ErrorCategory.Temporary, ErrorCategory.Dependency,
    }.ToFrozenSet();

    /// <summary>The engine's policy: one attempt (no retry), and for a step that raises max_attempts, exponential 1s backoff capped at 30s with jitter.</summary>
    public static RetrySettings Default { get; } = new(1, BackoffKind.Exponential, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), Jitter: true, DefaultRetryOn);

    /// <summary>Field by field: the step's value, else the playbook defaults', else <see cref="Default"/>'s. A retry_on that is set but empty retries nothing.</summary>
    public static RetrySettings Resolve(RetryDefinition? step, RetryDefinition? defaults)
    {
        var engine = Default;
        var retryOn = step?.RetryOn ?? defaults?.RetryOn;
        return new RetrySettings(
            Math.Max(1, step?.MaxAttempts ?? defaults?.MaxAttempts ?? engine.MaxAttempts),
            step?.Backoff ?? defaults?.Backoff ?? engine.Backoff,
            step?.Delay ?? defaults?.Delay ?? engine.Delay,
            step?.MaxDelay ?? defaults?.MaxDelay ?? engine.MaxDelay,
            step?.Jitter ?? defaults?.Jitter ?? engine.Jitter,
            retryOn is null ? engine.RetryOn : retryOn.ToFrozenSet());
    }
}
