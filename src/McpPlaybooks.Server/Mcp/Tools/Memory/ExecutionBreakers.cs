using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Mcp.Tools.Executions;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>
/// The circuit breakers one execution met, for <c>get_execution_metrics</c>: each target its attempts went to, how many
/// attempts and how many were refused, and the breaker's state now (<c>none</c> when the target has no breaker: the
/// step disabled it, or breakers are off).
/// </summary>
internal static class ExecutionBreakers
{
    public static async Task<JsonObject> ReadAsync(PlaybookEngine engine, string executionId, CancellationToken cancellationToken)
    {
        var execution = await engine.History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false)
            ?? throw await ExecutionLookup.UnknownAsync(engine, executionId, cancellationToken).ConfigureAwait(false);
        var attempts = await engine.History.GetAttemptsWithoutOutputsAsync(executionId, cancellationToken).ConfigureAwait(false);
        var now = engine.Breakers.ToDictionary(b => b.Target, StringComparer.Ordinal);
        var met = attempts.Where(a => a.Target is not null)
            .GroupBy(a => a.Target!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Take(MetricsView.MaxItems)
            .Select(g =>
            {
                var breaker = now.TryGetValue(g.Key, out var snapshot) ? MetricsView.Breaker(snapshot) : new JsonObject { ["target"] = g.Key, ["state"] = "none" };
                breaker["attempts"] = g.Count();
                breaker["refused"] = g.Count(a => a.RefusedByBreaker);
                return (JsonNode)breaker;
            });
        return new JsonObject
        {
            ["execution_id"] = executionId,
            ["playbook_id"] = execution.PlaybookId,
            ["breakers"] = new JsonArray([.. met]),
        };
    }
}
