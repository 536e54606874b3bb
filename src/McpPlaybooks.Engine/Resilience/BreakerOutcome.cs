namespace McpPlaybooks.Engine.Resilience;

/// <summary>What one call through a breaker says about its target's health.</summary>
internal enum BreakerOutcome
{
    /// <summary>It succeeded: the target is healthy, and earlier failures of the same attempts (a retry that worked) are forgiven.</summary>
    Success,

    /// <summary>It failed for a reason that says nothing against the target (validation, authentication, not found, a script's own exit 1): a call, not a failure.</summary>
    Neutral,

    /// <summary>It failed in a way that says the target is unhealthy (network, timeout, dependency, temporary, HTTP 5xx).</summary>
    Unhealthy,

    /// <summary>It was cancelled by its caller: not a call at all.</summary>
    Ignored,
}
