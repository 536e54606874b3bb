using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// A cancel or a pause that another process queued for the execution's owner (a control request) and that the owner did
/// not apply before it died. The process that takes the execution over carries it out before the execution runs on, as
/// the owner would have at its next tick; before, it drove the execution first, and its steps started after a person had
/// cancelled it (the request was applied, if ever, at a later tick). Other queued requests (a signal, a decision) are
/// applied at the next tick, as before.
/// </summary>
internal static class QueuedRequest
{
    /// <summary>What a cancel supersedes when queued after it: what would have reopened, resumed or paused the execution first.</summary>
    private static readonly string[] SupersededByCancel = ["retry_step", "skip_step", "resume", "pause"];

    /// <summary>What a pause supersedes when queued after it.</summary>
    private static readonly string[] SupersededByPause = ["resume", "pause"];

    /// <summary>
    /// The queued cancel (whatever else is queued), else a pause not followed by a queued resume, of an execution whose
    /// drive would start steps (<paramref name="status"/> running, pending or rolling back; a pause only when running or
    /// pending), with the requests queued before it that it supersedes (applied after it at a tick, a <c>retry_step</c>
    /// would reopen the cancelled execution, a resume undo the pause); null when none.
    /// </summary>
    public static async Task<(long Id, ControlRequest Request, IReadOnlyList<long> Superseded)?> ReadAsync(HistoryStore history, string ownerId, string executionId, ExecutionStatus status, CancellationToken cancellationToken)
    {
        if (status is not (ExecutionStatus.Running or ExecutionStatus.Pending or ExecutionStatus.RollingBack))
        {
            return null;
        }

        var queued = (await history.GetPendingControlRequestsAsync(ownerId, cancellationToken).ConfigureAwait(false))
            .Where(request => request.ExecutionId == executionId)
            .OrderBy(request => request.Id)
            .ToList();
        var chosen = queued.FirstOrDefault(request => request.Action == "cancel")
            ?? (status == ExecutionStatus.RollingBack ? null : queued.LastOrDefault(request => request.Action is "pause" or "resume") is { Action: "pause" } pause ? pause : null);
        if (chosen is null)
        {
            return null;
        }

        var superseded = chosen.Action == "cancel" ? SupersededByCancel : SupersededByPause;
        return (chosen.Id, (ControlRequest)RemoteRequests.Parse(chosen),
            [.. queued.Where(request => request.Id < chosen.Id && superseded.Contains(request.Action)).Select(request => request.Id)]);
    }
}
