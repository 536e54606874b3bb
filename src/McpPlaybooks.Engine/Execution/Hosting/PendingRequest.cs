using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// A control request that an unfinished execution's audit records and that nothing carried out: its process died between
/// committing the request and acting on it. Then the latest of the execution's own audit entries that start, end or steer
/// it is that request: a <c>cancel</c> (one that ended the execution is followed by <c>execution_ended</c>; one asked of
/// a rollback follows its <c>rollback</c>, or the failure that started it, which has no entry), or a
/// <c>pause</c> of an execution still running (one that took effect left it paused; a <c>retry_step</c> or
/// <c>skip_step</c> after it, audited on its step, set it running again on purpose).
/// </summary>
internal static class PendingRequest
{
    private static readonly HashSet<string> Steering = new(StringComparer.Ordinal)
    {
        "execution_started", "pause", "resume", "cancel", "rollback", "execution_ended",
    };

    private static readonly string[] Requests = ["cancel", "pause"];

    /// <summary>The audit actions that set an ended or paused execution running again on purpose.</summary>
    public static IReadOnlyList<string> Reopening { get; } = ["retry_step", "skip_step"];

    /// <summary>When the execution was last reopened (a <c>retry_step</c> or <c>skip_step</c> of any of its steps); null when never.</summary>
    public static Task<DateTimeOffset?> LastReopenedAsync(HistoryStore history, RestoredExecution stored, CancellationToken cancellationToken) =>
        history.GetLatestAuditTimeAsync([.. stored.Steps.Select(step => $"{stored.Record.Id}/{step.StepId}")], Reopening, cancellationToken);

    /// <summary>Of <paramref name="executionIds"/>, those whose audit holds a cancel or a pause (carried out or not): one read for a batch.</summary>
    public static Task<IReadOnlySet<string>> RecordedAsync(HistoryStore history, IReadOnlyList<string> executionIds, CancellationToken cancellationToken) =>
        history.GetSubjectsWithAuditAsync(executionIds, Requests, cancellationToken);

    /// <summary>
    /// The cancel that the unfinished execution's audit records last among what steers it, with no end after it: the
    /// execution is cancelling (its finally steps may be running, or its process died first); null otherwise.
    /// </summary>
    public static async Task<History.Records.AuditRecord?> CancellingAsync(HistoryStore history, string executionId, CancellationToken cancellationToken)
    {
        var audit = await history.GetAuditAsync(executionId, cancellationToken).ConfigureAwait(false);
        return audit.LastOrDefault(entry => Steering.Contains(entry.Action)) is { Action: "cancel" } cancel ? cancel : null;
    }

    /// <summary>The request to carry out (<see cref="ControlAction.Cancel"/> or <see cref="ControlAction.Pause"/>), or null.</summary>
    public static async Task<ControlAction?> ReadAsync(HistoryStore history, string executionId, ExecutionStatus status, IEnumerable<string> stepIds, CancellationToken cancellationToken)
    {
        var audit = await history.GetAuditAsync(executionId, cancellationToken).ConfigureAwait(false);
        var latest = audit.LastOrDefault(entry => Steering.Contains(entry.Action));
        switch (latest?.Action)
        {
            case "cancel":
                return ControlAction.Cancel;
            case "pause" when status == ExecutionStatus.Running:
                var steps = stepIds.Select(step => $"{executionId}/{step}").ToList();
                return await history.HasAuditAfterAsync(steps, Reopening, latest.Id, cancellationToken).ConfigureAwait(false) ? null : ControlAction.Pause;
            default:
                return null;
        }
    }
}
