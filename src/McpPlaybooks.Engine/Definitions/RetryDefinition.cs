namespace McpPlaybooks.Engine.Definitions;

/// <summary>How a step retries. Unset fields fall back to the playbook's defaults, then to the engine's.</summary>
public sealed record RetryDefinition
{
    public int? MaxAttempts { get; init; }

    public BackoffKind? Backoff { get; init; }

    public TimeSpan? Delay { get; init; }

    public TimeSpan? MaxDelay { get; init; }

    public bool? Jitter { get; init; }

    /// <summary>The error categories worth another attempt; null means the engine's default set.</summary>
    public IReadOnlyList<ErrorCategory>? RetryOn { get; init; }
}
