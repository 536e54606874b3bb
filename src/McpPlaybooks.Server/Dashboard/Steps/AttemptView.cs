using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Mcp.Results;

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

    /// <summary>An attempt as the page shows it; <paramref name="withMessage"/> adds its error message (a step's details).</summary>
    public static AttemptView From(StepAttemptRecord attempt, bool withMessage) => new()
    {
        StepId = attempt.StepId,
        Kind = EnumNames.ToName(attempt.Kind),
        Iteration = attempt.Iteration,
        Attempt = attempt.Attempt,
        Status = EnumNames.ToName(attempt.Status),
        StartedAt = attempt.StartedAt,
        EndedAt = attempt.EndedAt,
        ErrorCategory = attempt.ErrorCategory is { } category ? EnumNames.ToName(category) : null,
        ErrorMessage = withMessage && attempt.ErrorMessage is { } message ? OutputBounds.BoundString(message) : null,
    };
}
