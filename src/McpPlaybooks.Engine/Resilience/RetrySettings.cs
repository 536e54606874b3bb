using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>A step's retry policy with every default applied: the step's, then the playbook's defaults, then the engine's.</summary>
public sealed record RetrySettings(int MaxAttempts, BackoffKind Backoff, TimeSpan Delay, TimeSpan? MaxDelay, bool Jitter, IReadOnlySet<ErrorCategory> RetryOn)
{
    public static RetrySettings Resolve(RetryDefinition? step, RetryDefinition? defaults) => throw new NotImplementedException();
}
