namespace McpPlaybooks.Engine.Resilience;

/// <summary>
/// One call through a target's breaker: the target, the attempts it belongs to (<see cref="Sequence"/>: one step's
/// retries, whose success forgives its earlier failures), and whether it may wait for an open breaker's half-open
/// moment (a step with retries) and until when (the attempt's deadline; null: no limit but cancellation).
/// </summary>
public sealed record BreakerCall(string Target)
{
    public string? Sequence { get; init; }

    public bool MayWait { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Told, before the call waits, what it waits for (a sentence for the step's log, committed before the wait).</summary>
    public Func<string, Task>? OnWait { get; init; }
}
