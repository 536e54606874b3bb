using System.Globalization;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Approvals.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// <c>POST /ui/api/executions/{id}/steps/{step}/decision</c> (approver, CSRF), form fields <c>decision</c> (approve or
/// reject), <c>comment</c> and <c>gate</c> (when the page's gate opened): one decision through the engine's normal
/// decision path, channel <c>dashboard</c>, as <see cref="DashboardDeciders"/> says. The gate's rules apply as on every
/// channel: a refusal by them is 403; a gate that no longer waits, or that opened again since the page was drawn, is 409;
/// an unknown execution or step is 404. Every refusal records nothing. Answers the execution's page data.
/// </summary>
internal sealed partial class GateDecisionEndpoint(PlaybookEngine engine, DashboardDeciders deciders, ExecutionDetailEndpoint details, ILogger<GateDecisionEndpoint> logger)
{
    public const string Route = "/ui/api/executions/{id}/steps/{step}/decision";

    public async Task PostAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetRouteValue("id") as string ?? "";
        var stepId = context.GetRouteValue("step") as string ?? "";
        var caller = DashboardGate.CallerOf(context)!;
        var form = DashboardGate.FormOf(context);
        if (DecisionForm.Approve(form["decision"].ToString()) is not { } approve)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad request", "The form must say decision=approve or decision=reject. Nothing was recorded.").ConfigureAwait(false);
            return;
        }

        if (await engine.GetStateAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } state)
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", ExecutionDetailEndpoint.UnknownMessage(id)).ConfigureAwait(false);
            return;
        }

        var gates = await engine.Gates.WaitingAsync(id, decider: null, context.RequestAborted).ConfigureAwait(false);
        if (gates.FirstOrDefault(gate => gate.Gate.StepId == stepId) is not { } open)
        {
            var known = stepId == Engine.Execution.Approvals.ApprovalGates.StartGateId || state.Steps.Any(step => step.Id == stepId);
            await (known
                ? DashboardResponses.ProblemAsync(context, StatusCodes.Status409Conflict, "Not decided",
                    $"Step '{Short(stepId)}' has no gate waiting for a decision now (the execution is {Engine.Definitions.EnumNames.ToName(state.Status)}): it was decided, timed out or left elsewhere, or the step has no gate. Nothing was recorded; the page shows how it stands now.")
                : DashboardResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "Not found", $"Execution {id} has no step '{Short(stepId)}'.")).ConfigureAwait(false);
            return;
        }

        var opened = form["gate"].ToString();
        if (opened.Length > 0 && opened != open.Gate.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture))
        {
            await DashboardResponses.ProblemAsync(context, StatusCodes.Status409Conflict, "Not decided",
                $"The gate of step '{Short(stepId)}' was reached again after this page showed it (the step was retried). Nothing was recorded; look at the gate as it is now.").ConfigureAwait(false);
            return;
        }

        var by = deciders.Of(caller);
        try
        {
            await engine.DecideAsync(new ApprovalRequest
            {
                ExecutionId = id,
                StepId = stepId,
                Approve = approve,
                Comment = DecisionForm.Comment(form["comment"].ToString()),
                By = by,
                GateOpenedAt = open.Gate.CreatedAt,
            }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ExecutionRefusedException e)
        {
            LogRefused(logger, by.Identity, stepId, id, e.Message);
            var (status, title) = e.Kind switch
            {
                RefusalKind.ApproverNotAllowed or RefusalKind.ApproverUnverified => (StatusCodes.Status403Forbidden, "Refused by the gate's rules"),
                RefusalKind.UnknownExecution or RefusalKind.UnknownStep => (StatusCodes.Status404NotFound, "Not found"),
                _ => (StatusCodes.Status409Conflict, "Not decided"),
            };
            await DashboardResponses.ProblemAsync(context, status, title, $"{e.Message} Nothing was recorded.").ConfigureAwait(false);
            return;
        }

        LogDecided(logger, by.Identity, approve ? "approved" : "rejected", stepId, id);
        await details.WriteAsync(context, id, caller).ConfigureAwait(false);
    }

    private static string Short(string text) => text.Length > 100 ? text[..100] + "…" : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard: {Identity} {Decision} step {StepId} of execution {ExecutionId} (channel dashboard)")]
    private static partial void LogDecided(ILogger logger, string identity, string decision, string stepId, string executionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: refused {Identity}'s decision on step {StepId} of execution {ExecutionId}: {Reason}; nothing was recorded")]
    private static partial void LogRefused(ILogger logger, string identity, string stepId, string executionId, string reason);
}
