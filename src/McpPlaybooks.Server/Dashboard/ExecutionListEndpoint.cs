using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/api/executions?status=&amp;playbook=&amp;started_by=&amp;parent=&amp;q=&amp;cursor=</c>: the rows of the executions page
/// (<c>parent</c>: the child executions of one execution).
/// Executions waiting for a person come first, on their own (first page only); the others follow newest first,
/// <see cref="PageSize"/> a page. A wrong filter or cursor is 400 with a message.
/// </summary>
internal sealed class ExecutionListEndpoint(PlaybookEngine engine)
{
    public const int PageSize = 50;

    /// <summary>The most executions waiting for a person listed at once.</summary>
    public const int WaitingLimit = 100;

    private const int MaxFilterLength = 200;

    private static readonly ExecutionStatus[] NotWaiting = [.. Enum.GetValues<ExecutionStatus>().Where(s => s != ExecutionStatus.WaitingApproval)];

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Read(context.Request.Query, out var problem) is not { } filter)
        {
            await WriteProblemAsync(context, problem!).ConfigureAwait(false);
            return;
        }

        ExecutionList list;
        try
        {
            list = await ListAsync(filter, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await WriteProblemAsync(context, e.Message).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, list, DashboardJson.Default.ExecutionList, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ExecutionList> ListAsync((ExecutionQuery Query, ExecutionStatus? Status) filter, CancellationToken cancellationToken)
    {
        var (query, status) = filter;
        var waiting = Array.Empty<ExecutionSummary>();
        if (query.Cursor is null && status is null or ExecutionStatus.WaitingApproval)
        {
            var page = await engine.History.ListExecutionsAsync(query with { Statuses = [ExecutionStatus.WaitingApproval], Limit = WaitingLimit }, cancellationToken).ConfigureAwait(false);
            waiting = [.. page.Executions.Select(ExecutionSummary.From)];
        }

        if (status is ExecutionStatus.WaitingApproval)
        {
            return new ExecutionList(waiting, [], null);
        }

        var rest = await engine.History.ListExecutionsAsync(query with { Statuses = status is { } one ? [one] : NotWaiting, Limit = PageSize }, cancellationToken).ConfigureAwait(false);
        return new ExecutionList(waiting, [.. rest.Executions.Select(ExecutionSummary.From)], rest.NextCursor);
    }

    private static (ExecutionQuery Query, ExecutionStatus? Status)? Read(IQueryCollection query, out string? problem)
    {
        problem = query.Where(pair => pair.Value.ToString().Length > MaxFilterLength).Select(pair => $"the filter '{pair.Key}' is longer than {MaxFilterLength} characters").FirstOrDefault();
        if (problem is not null)
        {
            return null;
        }

        string? Text(string name) => query[name].ToString().Trim() is { Length: > 0 } value ? value : null;
        ExecutionStatus? status = null;
        if (Text("status") is { } statusText)
        {
            if (!EnumNames.TryParse<ExecutionStatus>(statusText, out var parsed))
            {
                problem = $"the status '{statusText}' is not one of {string.Join(", ", Enum.GetValues<ExecutionStatus>().Select(s => EnumNames.ToName(s)))}";
                return null;
            }

            status = parsed;
        }

        return (new ExecutionQuery { PlaybookId = Text("playbook"), StartedBy = Text("started_by"), ParentExecutionId = Text("parent"), Text = Text("q"), Cursor = Text("cursor") }, status);
    }

    private static Task WriteProblemAsync(HttpContext context, string message) =>
        DashboardResponses.ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad request", message);
}
