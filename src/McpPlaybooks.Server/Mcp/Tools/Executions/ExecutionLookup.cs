using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Text;
using McpPlaybooks.Server.Mcp.Tools.Framework;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>Finds an execution for the execution tools, or says it does not exist, with the nearest recent id and what to call.</summary>
internal static class ExecutionLookup
{
    public static async Task<ExecutionState> StateAsync(PlaybookEngine engine, string executionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return await engine.GetStateAsync(executionId, cancellationToken).ConfigureAwait(false)
            ?? throw await UnknownAsync(engine, executionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"no execution 'x'; did you mean 'y'? call list_executions": the hint among the 100 most recent ids.</summary>
    public static async Task<ToolErrorException> UnknownAsync(PlaybookEngine engine, string executionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var recent = await engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = 100 }, cancellationToken).ConfigureAwait(false);
        var hint = Suggestions.DidYouMean(executionId, recent.Executions.Select(e => e.Id));
        return new ToolErrorException($"no execution '{executionId}'{(hint.Length > 0 ? "; " + hint : "")}; call list_executions to see the recent ones.");
    }
}
