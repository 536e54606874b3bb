using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Mcp.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpPlaybooks.Server.Dashboard.Steps;

/// <summary>
/// <c>GET /ui/api/executions/{id}/steps/{step}</c>: one step's details for the page. Everything comes from the engine's
/// masked state and history, and is bounded as the MCP tools bound it (<see cref="OutputBounds"/>); 404 for an execution
/// or a step it does not have.
/// </summary>
internal sealed class StepDetailEndpoint(PlaybookEngine engine, PlaybookCatalog catalog)
{
    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string ?? "";
        var stepId = context.GetRouteValue("step") as string ?? "";
        var ct = context.RequestAborted;
        if (await engine.History.GetExecutionAsync(id, ct).ConfigureAwait(false) is not { } record
            || await engine.GetStateAsync(id, ct).ConfigureAwait(false) is not { } state)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", ExecutionDetailEndpoint.UnknownMessage(id)).ConfigureAwait(false);
            return;
        }

        if (state.Steps.FirstOrDefault(step => step.Id == stepId) is not { } step)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found",
                UnknownStep.Message(id, stepId, [.. state.Steps.Select(s => s.Id)])).ConfigureAwait(false);
            return;
        }

        var definition = catalog.Current.Find(record.PlaybookId, record.PlaybookVersion) is { } entry && entry.Sha256 == record.PlaybookSha256
            ? entry.Definition.Steps.FirstOrDefault(candidate => candidate.Id == stepId)
            : null;
        var attempts = (await engine.History.GetStepAttemptsWithoutOutputsAsync(id, stepId, ct).ConfigureAwait(false)).ToList();
        var detail = new StepDetail
        {
            Id = step.Id,
            Status = EnumNames.ToName(step.Status),
            Action = definition?.Action ?? attempts.FirstOrDefault()?.Action,
            StartedAt = step.StartedAt,
            EndedAt = step.EndedAt,
            Output = OutputBounds.Copy(step.Output),
            Error = step.Error is { } error ? new StepErrorView(EnumNames.ToName(error.Category), OutputBounds.BoundString(error.Message)) : null,
            Attempts = [.. attempts.Where(attempt => attempt.Iteration is null || attempt.Kind != AttemptKind.Step).Take(ExecutionTimelineEndpoint.MaxAttempts).Select(a => AttemptView.From(a, withMessage: true))],
            IterationCounts = IterationCounts.Of(step, definition, attempts),
            Iterations = Iterations(stepId, attempts),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, detail, DashboardJson.Default.StepDetail, ct).ConfigureAwait(false);
    }

    private static List<IterationView> Iterations(string stepId, List<StepAttemptRecord> attempts)
    {
        var counts = attempts.Where(attempt => attempt.Kind == AttemptKind.Step && attempt.Iteration is not null)
            .GroupBy(attempt => attempt.Iteration!.Value)
            .ToDictionary(group => group.Key, group => (Count: group.Count(), Start: group.Min(attempt => attempt.StartedAt)));
        return [.. IterationCounts.LatestByIteration(stepId, attempts).Select(pair => new IterationView
        {
            Index = pair.Key,
            Status = EnumNames.ToName(pair.Value.Status),
            Attempts = counts[pair.Key].Count,
            StartedAt = counts[pair.Key].Start,
            EndedAt = pair.Value.EndedAt,
            Error = Error(pair.Value),
        })];
    }

    private static StepErrorView? Error(StepAttemptRecord attempt) =>
        attempt.ErrorMessage is { } message
            ? new StepErrorView(attempt.ErrorCategory is { } category ? EnumNames.ToName(category) : EnumNames.ToName(ErrorCategory.Unknown), OutputBounds.BoundString(message))
            : null;
}
