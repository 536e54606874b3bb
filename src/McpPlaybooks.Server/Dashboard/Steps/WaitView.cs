namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>
/// A stretch of the timeline when nothing ran on purpose: a gate waiting for a person (<c>approval</c>), the pause
/// before a retry (<c>backoff</c>), or the execution paused (<c>paused</c>, step null). No end while it lasts.
/// </summary>
internal sealed record WaitView
{
    public required string Kind { get; init; }

    /// <summary>The step it belongs to; null for the whole execution.</summary>
    public string? StepId { get; init; }

    public int? Iteration { get; init; }

    /// <summary>For a backoff, the attempt it led to.</summary>
    public int? Attempt { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }
}
