namespace McpPlaybooks.Engine.Definitions;

/// <summary>
/// A step's say over its circuit breaker (<c>breaker:</c>): the target it names (steps naming the same key share one
/// breaker), or that its calls go through no breaker at all.
/// </summary>
public sealed record BreakerDefinition
{
    /// <summary>The breaker's key instead of the one the action derives (an HTTP origin, a command's shape); null keeps that.</summary>
    public string? Key { get; init; }

    /// <summary>False: the step's attempts are never refused nor counted by a breaker.</summary>
    public bool Enabled { get; init; } = true;
}
