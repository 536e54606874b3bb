using System.Text.Json;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Dashboard.Steps;
using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>GET /ui/api/executions/{id}</c>: one execution for its page (its steps with their <c>needs</c>, the controls the
/// caller may use now, its parent and its child executions); 404 with a message for an id the history does not have.
/// </summary>
internal sealed class ExecutionDetailEndpoint(PlaybookEngine engine, PlaybookCatalog catalog, ExecutionActionsReader actions)
{
    /// <summary>The controls the page offers (the others stay with control_execution): each asks for confirmation.</summary>
    public static IReadOnlyList<ControlAction> Offered { get; } = [ControlAction.Pause, ControlAction.Resume, ControlAction.Cancel, ControlAction.Rollback];

    private static readonly StepStatus[] Stuck = [StepStatus.Interrupted, StepStatus.Failed];

    public async Task GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string ?? "";
        await WriteAsync(context, id, DashboardGate.CallerOf(context)).ConfigureAwait(false);
    }

    /// <summary>Answers the execution's page data as this caller sees it (after a control or a decision, as it is now); 404 when unknown.</summary>
    public async Task WriteAsync(HttpContext context, string executionId, HttpCaller? caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ReadAsync(executionId, caller, context.RequestAborted).ConfigureAwait(false) is not { } detail)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", UnknownMessage(executionId)).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, detail, DashboardJson.Default.ExecutionDetail, context.RequestAborted).ConfigureAwait(false);
    }

    public static string UnknownMessage(string id) =>
        $"No execution '{(id.Length > 100 ? id[..100] + "…" : id)}' in this server's history. The executions page lists them all.";

    /// <summary>The execution's page data, or null when the history has no such execution.</summary>
    public async Task<ExecutionDetail?> ReadAsync(string executionId, HttpCaller? caller, CancellationToken cancellationToken)
    {
        if (await engine.History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) is not { } record
            || await engine.GetStateAsync(executionId, cancellationToken).ConfigureAwait(false) is not { } state)
        {
            return null;
        }

        var definition = catalog.Current.Find(record.PlaybookId, record.PlaybookVersion) is { } entry && entry.Sha256 == record.PlaybookSha256
            ? entry.Definition.Steps.ToDictionary(step => step.Id, StringComparer.Ordinal)
            : null;
        // Loops are folded with their iterations' counts, read from the attempts (only when a step may be a loop).
        var attempts = definition is null || definition.Values.Any(step => step.Foreach is not null)
            ? await engine.History.GetAttemptsWithoutOutputsAsync(executionId, cancellationToken).ConfigureAwait(false)
            : [];
        var steps = state.Steps.Select(step => View(step, definition?.GetValueOrDefault(step.Id), attempts)).ToList();
        var actionsNow = await actions.ReadAsync(record, state, caller, cancellationToken).ConfigureAwait(false);
        // The first children, and how many in all: a loop of playbook steps may have started thousands.
        var mayHaveChildren = definition is null || definition.Values.Any(step => step.Action == "playbook");
        var children = mayHaveChildren ? await engine.History.ListChildrenAsync(executionId, ChildrenShown, cancellationToken).ConfigureAwait(false) : [];
        var childCount = children.Count < ChildrenShown ? children.Count : await engine.History.CountChildrenAsync(executionId, cancellationToken).ConfigureAwait(false);
        return new ExecutionDetail(ExecutionSummary.From(record), steps, definition is not null, Controls(record, state, caller), actionsNow,
            [.. children.Select(ExecutionSummary.From)], childCount);
    }

    /// <summary>The child executions a page lists at most (a loop of <c>playbook</c> steps may start thousands); it says how many more.</summary>
    public const int ChildrenShown = 50;

    private static StepView View(StepState step, StepDefinition? definition, IReadOnlyList<StepAttemptRecord> attempts) => new()
    {
        Id = step.Id,
        Status = EnumNames.ToName(step.Status),
        Action = definition?.Action,
        Needs = definition?.Needs ?? [],
        Attempts = step.Attempts,
        StartedAt = step.StartedAt,
        EndedAt = step.EndedAt,
        Error = step.Error is { } error ? $"{EnumNames.ToName(error.Category)}: {error.Message}" : null,
        Iterations = IterationCounts.Of(step, definition, attempts),
    };

    private static List<string> Controls(ExecutionRecord record, ExecutionState state, HttpCaller? caller)
    {
        if (caller is null || !ServerRoles.Grants(caller.Roles, ServerRoles.Operator))
        {
            return [];
        }

        var allowed = ControlRules.AllowedIn(record.Status, state.Steps.Any(step => Stuck.Contains(step.Status)));
        return [.. Offered.Where(allowed.Contains).Select(action => EnumNames.ToName(action))];
    }
}
