namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>One attempt of an action on the timeline: a bar from its start to its end (no end while it runs).</summary>
internal sealed record AttemptView
{
    public required string StepId { get; init; }

    /// <summary><c>step</c>, <c>verify</c>, <c>rollback</c> or <c>finally</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The <c>foreach</c> index (or the rollback or verify call's); null when neither applies.</summary>
    public int? Iteration { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public required int Attempt { get; init; }

    /// <summary>running, completed, failed, cancelled or interrupted.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? ErrorCategory { get; init; }

    /// <summary>Why it failed (masked by the engine, bounded); only in a step's details, not on the timeline.</summary>
    public string? ErrorMessage { get; init; }
}
