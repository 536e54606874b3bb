using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.History.Records;

/// <summary>
/// One attempt of one action. Written as <c>running</c> before the action starts, then rewritten with its
/// outcome; the key is (execution, step, kind, iteration, attempt). Masked.
/// </summary>
public sealed record StepAttemptRecord
{
    public required string ExecutionId { get; init; }

    /// <summary>The step's id (for rollback and verify calls, the step they belong to; for finally, the call's id or <c>finally[N]</c>).</summary>
    public required string StepId { get; init; }

    public AttemptKind Kind { get; init; } = AttemptKind.Step;

    /// <summary>The <c>foreach</c> index, or the index of the rollback or verify call; null when neither applies.</summary>
    public int? Iteration { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public required int Attempt { get; init; }

    public required string Action { get; init; }

    /// <summary>The breaker key (host or executable) for the learning memory.</summary>
    public string? Target { get; init; }

    /// <summary>running, completed, failed, cancelled or interrupted.</summary>
    public required StepStatus Status { get; init; }

    public ErrorCategory? ErrorCategory { get; init; }

    public string? ErrorMessage { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The bounded output as JSON; null when none.</summary>
    public string? OutputJson { get; init; }

    /// <summary>The process the attempt started (a shell step's), once it runs; null for other actions.</summary>
    public int? ProcessId { get; init; }

    /// <summary>The start time of <see cref="ProcessId"/> in clock ticks after boot (Linux), to tell it from a process that reused its pid.</summary>
    public long? ProcessStarted { get; init; }

    /// <summary>The limit that stopped the attempt (a failed one), when the engine's own limit did: its timeout, or its step's <c>step_timeout</c>; null otherwise.</summary>
    public TimeSpan? StoppedByTimeout { get; init; }

    /// <summary>An open circuit breaker refused the attempt's call (a failed one): no call was made. Recorded as a fact, never read from the message.</summary>
    public bool RefusedByBreaker { get; init; }

    public double? DurationMs => EndedAt is { } end ? (end - StartedAt).TotalMilliseconds : null;
}
