using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>POST /ui/api/executions/{id}/control</c> (operator, CSRF), form field <c>action</c>: pause, resume, cancel or rollback,
/// recorded as the caller's identity with the comment "from the dashboard" and channel <c>dashboard</c>. An action the state no longer allows (a stale page) is
/// 409 with the engine's reason, and changes nothing; an unknown execution is 404.
/// </summary>
internal sealed partial class ExecutionControlEndpoint(PlaybookEngine engine, ExecutionDetailEndpoint details, ILogger<ExecutionControlEndpoint> logger)
{
    public const string Comment = "from the dashboard";

    public async Task PostAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string ?? "";
        var caller = DashboardGate.CallerOf(context)!;
        var form = DashboardGate.FormOf(context);
        var name = form["action"].ToString();
        if (!EnumNames.TryParse<ControlAction>(name, out var action) || !ExecutionDetailEndpoint.Offered.Contains(action))
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad request",
                $"The page offers the actions {string.Join(", ", ExecutionDetailEndpoint.Offered.Select(a => EnumNames.ToName(a)))}, not '{(name.Length > 40 ? name[..40] : name)}'.").ConfigureAwait(false);
            return;
        }

        if (await engine.History.GetExecutionAsync(id, context.RequestAborted).ConfigureAwait(false) is null)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", ExecutionDetailEndpoint.UnknownMessage(id)).ConfigureAwait(false);
            return;
        }

        try
        {
            await engine.ControlAsync(new ControlRequest { ExecutionId = id, Action = action, RequestedBy = caller.Identity, Comment = Comment, Channel = DashboardDeciders.Channel }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ExecutionRefusedException e)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status409Conflict, "Not done", e.Message).ConfigureAwait(false);
            return;
        }

        LogControlled(logger, caller.Identity, name, id);
        await details.WriteAsync(context, id, caller).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard: {Identity} asked to {Action} execution {ExecutionId}")]
    private static partial void LogControlled(ILogger logger, string identity, string action, string executionId);
}
