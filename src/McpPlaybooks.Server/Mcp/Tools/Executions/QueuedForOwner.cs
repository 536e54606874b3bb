using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>
/// A decision or control action forwarded to the process that runs the execution, which did not apply it within the
/// forwarding wait (<see cref="RefusalKind.OwnerDidNotAnswer"/>: busy, or dead and its lease not yet run out). That is not
/// a refusal: the request stays queued in the history and is applied (its checks made then) by that process or by whoever
/// takes the execution over. The tool answers with the execution as it stands and says so.
/// </summary>
internal static class QueuedForOwner
{
    public static bool Is(ExecutionRefusedException refusal) => refusal?.Kind == RefusalKind.OwnerDidNotAnswer;

    /// <summary>The execution as it stands, and the note saying <paramref name="what"/> is queued.</summary>
    public static async Task<(ExecutionState State, string Note)> AnswerAsync(PlaybookEngine engine, string executionId, string what, ExecutionRefusedException refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var state = await ExecutionLookup.StateAsync(engine, executionId, cancellationToken).ConfigureAwait(false);
        return (state, $"{what} is queued, not refused: {refusal.Message}");
    }
}
