using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>
/// <c>GET /ui/api/executions/{id}/timeline</c>: the attempts and waits the page's Gantt draws, read from the history (masked
/// there) once per change the page hears from the feed; 404 for an id the history does not have.
/// </summary>
internal sealed class ExecutionTimelineEndpoint(PlaybookEngine engine, TimeProvider time)
{
    /// <summary>The most attempts one answer carries (a loop of 1,000 iterations with retries stays readable); the first ones are kept.</summary>
    public const int MaxAttempts = 2000;

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string ?? "";
        var ct = context.RequestAborted;
        if (await engine.History.GetExecutionAsync(id, ct).ConfigureAwait(false) is not { } record
            || await engine.GetStateAsync(id, ct).ConfigureAwait(false) is not { } state)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", ExecutionDetailEndpoint.UnknownMessage(id)).ConfigureAwait(false);
            return;
        }

        var attempts = await engine.History.GetAttemptsWithoutOutputsAsync(id, ct).ConfigureAwait(false);
        var approvals = await engine.History.GetApprovalsAsync(id, ct).ConfigureAwait(false);
        var audit = await engine.History.GetAuditAsync(id, ct).ConfigureAwait(false);
        var timeline = new ExecutionTimeline(
            time.GetUtcNow(),
            record.StartedAt ?? record.CreatedAt,
            record.EndedAt,
            [.. attempts.Take(MaxAttempts).Select(a => AttemptView.From(a, withMessage: false))],
            Math.Max(0, attempts.Count - MaxAttempts),
            TimelineWaits.From(record, state, attempts, approvals, audit));
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, timeline, DashboardJson.Default.ExecutionTimeline, ct).ConfigureAwait(false);
    }
}
