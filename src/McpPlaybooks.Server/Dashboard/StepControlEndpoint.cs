using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>POST /ui/api/executions/{id}/steps/{step}/control</c> (operator, CSRF), form field <c>action</c>: <c>retry_step</c> or
/// <c>skip_step</c>, recorded as the caller's identity with channel <c>dashboard</c>. A step or state the control rules no
/// longer allow it for (a stale page) is 409 with the engine's reason and changes nothing; an unknown execution or step is 404.
/// </summary>
internal sealed partial class StepControlEndpoint(PlaybookEngine engine, ExecutionDetailEndpoint details, ILogger<StepControlEndpoint> logger)
{
    public const string Route = "/ui/api/executions/{id}/steps/{step}/control";

    private static readonly ControlAction[] Offered = [ControlAction.RetryStep, ControlAction.SkipStep];

    public async Task PostAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string ?? "";
        var stepId = context.GetRouteValue("step") as string ?? "";
        var caller = DashboardGate.CallerOf(context)!;
        var form = DashboardGate.FormOf(context);
        var name = form["action"].ToString();
        if (!EnumNames.TryParse<ControlAction>(name, out var action) || !Offered.Contains(action))
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad request",
                $"A step's controls are retry_step and skip_step, not '{(name.Length > 40 ? name[..40] : name)}'.").ConfigureAwait(false);
            return;
        }

        if (await engine.GetStateAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } state)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", ExecutionDetailEndpoint.UnknownMessage(id)).ConfigureAwait(false);
            return;
        }

        if (!state.Steps.Any(step => step.Id == stepId))
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", $"Execution {id} has no step '{(stepId.Length > 100 ? stepId[..100] + "…" : stepId)}'.").ConfigureAwait(false);
            return;
        }

        try
        {
            await engine.ControlAsync(new ControlRequest
            {
                ExecutionId = id,
                Action = action,
                StepId = stepId,
                RequestedBy = caller.Identity,
                Comment = ExecutionControlEndpoint.Comment,
                Channel = DashboardDeciders.Channel,
            }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ExecutionRefusedException e)
        {
            var status = e.Kind is RefusalKind.UnknownStep or RefusalKind.UnknownExecution ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            await DashboardResponses.ProblemAsync(context, status, status == StatusCodes.Status404NotFound ? "Not found" : "Not done", e.Message).ConfigureAwait(false);
            return;
        }

        LogControlled(logger, caller.Identity, name, stepId, id);
        await details.WriteAsync(context, id, caller).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard: {Identity} asked to {Action} step {StepId} of execution {ExecutionId}")]
    private static partial void LogControlled(ILogger logger, string identity, string action, string stepId, string executionId);
}
