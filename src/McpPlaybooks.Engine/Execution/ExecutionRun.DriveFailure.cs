using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// A drive that an unexpected exception ended (a fault of the engine, not of a step): the execution ends <c>failed</c>,
/// with an error saying so and a log line, so that it neither stays <c>running</c> with no error nor is taken over, and
/// fails again, by every process that opens the history. A failed write (the history is unreachable, the lease was lost)
/// is no such fault: that run stops unfinished and is taken over once the history is back.
/// </summary>
internal sealed partial class ExecutionRun
{
    /// <summary>The state after ending the execution failed because of <paramref name="error"/>; null when it is expected or cannot be recorded.</summary>
    private async Task<ExecutionState?> EndUnexpectedAsync(Exception error)
    {
        var cause = error is AggregateException { InnerExceptions: [var single] } ? single : error;
        if (cause is HistoryWriteException or OperationCanceledException || IsFinished)
        {
            return null;
        }

        var message = $"the engine failed unexpectedly while running this execution ({cause.GetType().Name}: {cause.Message}); "
            + "this is a bug in mcp-playbooks: report it with this error and the server's log. Nothing more of it runs; start it again once the cause is fixed";
        _history.Log(null, ExecutionLogLevel.Error, message);
        var problem = new StepError(ErrorCategory.Unknown, message);
        try
        {
            await CancelUnfinishedAsync().ConfigureAwait(false);
            return await EndAsync(ExecutionStatus.Failed, problem, runFinally: true).ConfigureAwait(false);
        }
        catch (HistoryWriteException)
        {
            return null; // not recorded: the drive ends with its own error, as a failed write ends it
        }
        catch (Exception again) when (again is not OutOfMemoryException)
        {
            // Its finally, or what the failure left behind, failed too: end it without finally rather than not at all.
            try
            {
                return await EndAsync(ExecutionStatus.Failed, problem with { Message = problem.Message + "; its finally steps did not run" }, runFinally: false).ConfigureAwait(false);
            }
            catch (Exception last) when (last is not OutOfMemoryException)
            {
                return null; // the drive ends with its own error, logged
            }
        }
    }
}
