using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Whether a taken-over execution had already stopped starting steps: under <c>on_failure: stop</c> or <c>rollback</c>, a
/// step failed (without <c>continue_on_error</c>) since the execution was last reopened (<c>retry_step</c>,
/// <c>skip_step</c>). Its owner was then only waiting for the steps still running (or running <c>finally</c>) when it died;
/// the process that takes it over must not start the others.
/// </summary>
/// <remarks>
/// "Since" is the order of audit entries, never their times: such a failure commits a <see cref="Action"/> entry with the
/// failed step, a reopen commits its own entry with the steps it reopens, and of the two the later has the higher id. No two
/// transactions that write for one execution overlap: in one process a single writer commits one after another; another
/// process writes for it only once it has claimed it, and every batch of the owner begins with the fence (an UPDATE of the
/// execution's row, locked until it commits), so a transaction of the process that lost it committed before the claim or
/// is refused. A transaction that begins after another committed takes higher ids: on SQLite one writer commits at a time
/// (AUTOINCREMENT); on PostgreSQL the identity's sequence (cache 1) hands out increasing values across sessions. Times
/// could not say it: a retried step may fail in the millisecond its retry was recorded, and the process that reopened the
/// execution may have a clock ahead of the one that records the failure.
/// </remarks>
internal static class FailureStop
{
    /// <summary>The audit action of a step's failure that stops the run, by the engine, committed with the failed step.</summary>
    public const string Action = "step_failed";

    /// <summary>Whether a failure of <paramref name="step"/> stops the run of <paramref name="playbook"/>: under <c>on_failure: stop</c> or <c>rollback</c>, without <c>continue_on_error</c>.</summary>
    public static bool Stops(PlaybookDefinition playbook, StepDefinition step) =>
        playbook.OnFailure != FailurePolicy.Continue && !step.ContinueOnError;

    public static async Task<bool> InForceAsync(HistoryStore history, RestoredExecution stored, PlaybookDefinition playbook, CancellationToken cancellationToken)
    {
        var failed = stored.Steps
            .Where(step => step.Status == StepStatus.Failed && playbook.Steps.FirstOrDefault(s => s.Id == step.StepId) is { } definition && Stops(playbook, definition))
            .ToList();
        if (failed.Count == 0)
        {
            return false;
        }

        var audit = await history.GetAuditAsync(
            [.. stored.Steps.Select(step => Subject(stored.Record.Id, step.StepId))], [Action, .. PendingRequest.Reopening], cancellationToken).ConfigureAwait(false);
        var reopened = audit.LastOrDefault(entry => entry.Action != Action);
        return failed.Any(step => audit.LastOrDefault(entry => entry.Action == Action && entry.SubjectId == Subject(stored.Record.Id, step.StepId)) is { } failure
            ? reopened is null || failure.Id > reopened.Id
            : FailedAfterByTime(step, reopened));
    }

    /// <summary>The audit subject of a step: <c>execution/step</c>.</summary>
    private static string Subject(string executionId, string stepId) => $"{executionId}/{stepId}";

    /// <summary>
    /// A failure recorded before its entry was (an execution under way when its engine was upgraded): judged by the times, as
    /// then.
    /// </summary>
    private static bool FailedAfterByTime(StepStateRecord step, AuditRecord? reopened) => reopened is null || step.EndedAt > reopened.At;
}
