using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Whether a taken-over execution had already stopped starting steps: under <c>on_failure: stop</c> or <c>rollback</c>, a
/// step failed (without <c>continue_on_error</c>) since the execution was last reopened (<c>retry_step</c>,
/// <c>skip_step</c>). Its owner was then only waiting for the steps still running (or running <c>finally</c>) when it died;
/// the process that takes it over must not start the others.
/// </summary>
internal static class FailureStop
{
    public static async Task<bool> InForceAsync(HistoryStore history, RestoredExecution stored, PlaybookDefinition playbook, CancellationToken cancellationToken)
    {
        if (playbook.OnFailure == FailurePolicy.Continue)
        {
            return false;
        }

        var failed = stored.Steps
            .Where(step => step.Status == StepStatus.Failed && playbook.Steps.FirstOrDefault(s => s.Id == step.StepId) is { ContinueOnError: false })
            .ToList();
        if (failed.Count == 0)
        {
            return false;
        }

        var reopened = await PendingRequest.LastReopenedAsync(history, stored, cancellationToken).ConfigureAwait(false);
        return failed.Any(step => reopened is null || step.EndedAt > reopened);
    }
}
