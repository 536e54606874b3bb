using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Mcp.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>
/// <c>GET /ui/api/executions/{id}/logs</c>: the execution's log as get_execution_logs reads it (masked in the history, each
/// message bounded). Without <c>after</c>, its last <see cref="MaxLines"/> lines and how many it has in all; with
/// <c>after=CURSOR</c>, up to <see cref="MaxLines"/> lines after that one. The page asks again on each change the feed
/// reports, so it follows the execution without polling.
/// </summary>
internal sealed class ExecutionLogEndpoint(PlaybookEngine engine)
{
    public const int MaxLines = 200;

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string ?? "";
        var ct = context.RequestAborted;
        long? after = null;
        if (context.Request.Query["after"].ToString() is { Length: > 0 } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor))
            {
                await DashboardResponses.ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad request",
                    "after must be the cursor of an earlier answer (a whole number); leave it out to read the last lines.").ConfigureAwait(false);
                return;
            }

            after = cursor;
        }

        if (await engine.History.GetExecutionAsync(id, ct).ConfigureAwait(false) is null)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", ExecutionDetailEndpoint.UnknownMessage(id)).ConfigureAwait(false);
            return;
        }

        ExecutionLogLines lines;
        if (after is { } from)
        {
            var page = await engine.History.GetLogsAsync(new LogQuery { ExecutionId = id, AfterId = from, Limit = MaxLines + 1 }, ct).ConfigureAwait(false);
            var entries = page.Entries.Take(MaxLines).ToList();
            lines = new ExecutionLogLines([.. entries.Select(View)], entries.Count > 0 ? entries[^1].Id : from, null, page.Entries.Count > MaxLines);
        }
        else
        {
            var tail = await engine.History.GetLogTailAsync(id, MaxLines, ct).ConfigureAwait(false);
            lines = new ExecutionLogLines([.. tail.Entries.Select(View)], tail.Entries.Count > 0 ? tail.Entries[^1].Id : 0, tail.Total, false);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, lines, DashboardJson.Default.ExecutionLogLines, ct).ConfigureAwait(false);
    }

    private static LogLineView View(ExecutionLogRecord entry) =>
        new(entry.Id, entry.At, EnumNames.ToName(entry.Level), entry.StepId, OutputBounds.BoundString(entry.Message));
}
