using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Whether an unfinished execution has a cancel that its audit records and that nothing carried out: its process died
/// between committing the request and ending the execution. Then the latest of the execution's own audit entries that
/// start, end or steer it is that <c>cancel</c>; a cancel that ended the execution is followed by <c>execution_ended</c>
/// (a <c>retry_step</c> or <c>skip_step</c> that reopened it later is audited on its step, after that).
/// </summary>
internal static class PendingCancel
{
    private static readonly HashSet<string> Steering = new(StringComparer.Ordinal)
    {
        "execution_started", "pause", "resume", "cancel", "rollback", "execution_ended",
    };

    /// <summary>Of <paramref name="executionIds"/>, those whose audit holds a cancel (carried out or not): one read for a batch.</summary>
    public static Task<IReadOnlySet<string>> RecordedAsync(HistoryStore history, IReadOnlyList<string> executionIds, CancellationToken cancellationToken) =>
        history.GetSubjectsWithAuditAsync(executionIds, "cancel", cancellationToken);

    public static async Task<bool> IsPendingAsync(HistoryStore history, string executionId, CancellationToken cancellationToken)
    {
        var audit = await history.GetAuditAsync(executionId, cancellationToken).ConfigureAwait(false);
        return audit.LastOrDefault(entry => Steering.Contains(entry.Action))?.Action == "cancel";
    }
}
