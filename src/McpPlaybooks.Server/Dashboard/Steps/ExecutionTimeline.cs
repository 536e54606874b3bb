namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>
/// What <c>/ui/api/executions/{id}/timeline</c> answers: the server's clock (open bars end there), the attempts oldest
/// first (at most <see cref="ExecutionTimelineEndpoint.MaxAttempts"/>; <see cref="AttemptsOmitted"/> counts the rest) and
/// the waits.
/// </summary>
internal sealed record ExecutionTimeline(
    DateTimeOffset Now,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<AttemptView> Attempts,
    int AttemptsOmitted,
    IReadOnlyList<WaitView> Waits);
