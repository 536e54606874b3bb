using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The rollback and <c>finally</c> calls that a taken-over execution's history records as completed, by call and iteration:
/// what the process that takes it over does not run again as it finishes the rollback or the end its owner died in. Each
/// call's end is committed before the next starts, and a rollback's step is marked rolled back (an execution ended) only
/// after its last: without this, a kill between the two ran the calls that had ended once more. Only calls started after
/// the execution was last reopened (<c>retry_step</c>, <c>skip_step</c>) count: those before belong to an earlier end; and
/// of rollback calls, only those of the latest rollback a person asked (<c>control rollback</c>): a call that completed in
/// an earlier rollback (the failure's own, which failed further on) is not done for this one.
/// </summary>
internal sealed class CompletedCalls
{
    /// <summary>The audit action of a rollback a person asked of an ended execution.</summary>
    private const string RollbackAction = "rollback";

    private readonly HashSet<(AttemptKind Kind, string RecordId, int? Iteration)> _completed;

    private CompletedCalls(IEnumerable<(AttemptKind, string, int?)> completed) => _completed = [.. completed];

    public static CompletedCalls None { get; } = new([]);

    /// <summary>Reads them from <paramref name="stored"/>; the audit only when some rollback or finally call completed.</summary>
    public static async Task<CompletedCalls> ReadAsync(HistoryStore history, RestoredExecution stored, CancellationToken cancellationToken)
    {
        var completed = stored.Attempts
            .Where(attempt => attempt.Kind is AttemptKind.Rollback or AttemptKind.Finally && attempt.Status == StepStatus.Completed)
            .ToList();
        if (completed.Count == 0)
        {
            return None;
        }

        var reopened = await PendingRequest.LastReopenedAsync(history, stored, cancellationToken).ConfigureAwait(false);
        var rollback = completed.Exists(attempt => attempt.Kind == AttemptKind.Rollback)
            ? await history.GetLatestAuditTimeAsync([stored.Record.Id], [RollbackAction], cancellationToken).ConfigureAwait(false)
            : null;
        return new(completed
            .Where(attempt => reopened is null || attempt.StartedAt > reopened)
            .Where(attempt => attempt.Kind != AttemptKind.Rollback || rollback is null || attempt.StartedAt >= rollback)
            .Select(attempt => (attempt.Kind, attempt.StepId, attempt.Iteration)));
    }

    /// <summary>Whether the call recorded as <paramref name="recordId"/> (<c>step.rollback[i]</c>, a finally call's id) completed for <paramref name="iteration"/>.</summary>
    public bool Completed(AttemptKind kind, string recordId, int? iteration) => _completed.Contains((kind, recordId, iteration));
}
