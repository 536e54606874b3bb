using McpPlaybooks.Engine.History;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>
/// What <c>get_execution_logs</c>' <c>step_id</c> may name: a log line's step is a step of the execution, or a call's record:
/// a <c>finally</c> call (its id, or <c>finally[N]</c>), a step's <c>verify[N]</c> or <c>rollback[N]</c>
/// (<c>STEP.rollback[0]</c>). A name that is none of them is an error listing the steps, rather than an empty page. Looked
/// at only when a page came back empty: a page with lines needs no check. The CLI's <c>logs --step</c> asks the same.
/// </summary>
internal static class LogSteps
{
    public static async Task CheckAsync(HistoryStore history, string executionId, string stepId, CancellationToken cancellationToken)
    {
        if (await UnknownAsync(history, executionId, stepId, cancellationToken).ConfigureAwait(false) is { } unknown)
        {
            throw new ToolErrorException(unknown + " Call get_execution_logs again with one of them, a finally call's id, or without step_id.");
        }
    }

    /// <summary>
    /// Null when <paramref name="stepId"/> names a step or call of the execution; else the error that lists the steps (the
    /// caller adds what to do next in its own words: the CLI's <c>logs --step</c> asks the same).
    /// </summary>
    public static async Task<string?> UnknownAsync(HistoryStore history, string executionId, string stepId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var steps = (await history.GetStepStatesAsync(executionId, cancellationToken).ConfigureAwait(false)).Select(step => step.StepId).ToList();
        if (steps.Exists(step => step == stepId || stepId.StartsWith(step + ".", StringComparison.Ordinal)))
        {
            return null;
        }

        // A call that ran (a finally call, say) has attempts or lines under its record id, whatever the page's level or cursor.
        var attempts = await history.GetStepAttemptsWithoutOutputsAsync(executionId, stepId, cancellationToken).ConfigureAwait(false);
        if (attempts.Count > 0
            || (await history.GetLogsAsync(new LogQuery { ExecutionId = executionId, StepId = stepId, Limit = 1 }, cancellationToken).ConfigureAwait(false)).Entries.Count > 0)
        {
            return null;
        }

        return UnknownStep.Message(executionId, stepId, steps);
    }
}
