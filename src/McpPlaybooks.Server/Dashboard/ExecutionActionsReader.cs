using System.Globalization;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Approvals.Review;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The <see cref="ExecutionActions"/> of one execution for one caller: its waiting gates as the engine reviews them for
/// this caller's decision (the same review the approval links' page shows), and the step controls the control rules allow.
/// </summary>
internal sealed class ExecutionActionsReader(PlaybookEngine engine, DashboardDeciders deciders)
{
    public async Task<ExecutionActions> ReadAsync(ExecutionRecord record, ExecutionState state, HttpCaller? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(state);
        var approver = caller is not null && ServerRoles.Grants(caller.Roles, ServerRoles.Approver);
        var decider = approver ? deciders.Of(caller!) : null;
        var gates = new List<GatePanel>();
        foreach (var executionId in GatesShown(record.Id, state))
        {
            var reviews = await engine.Gates.WaitingAsync(executionId, decider, cancellationToken).ConfigureAwait(false);
            var startedBy = reviews.Count > 0 && executionId != record.Id ? await StartedByAsync(executionId, record.Id, cancellationToken).ConfigureAwait(false) : null;
            gates.AddRange(reviews.Select(review => new GatePanel
            {
                StepId = review.Gate.StepId,
                ExecutionId = executionId == record.Id ? null : executionId,
                StartedBy = startedBy,
                Gate = review.Gate.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
                Sheet = GateSheet.From(review, decider is null ? null : $"{decider.Identity} (channel {DashboardDeciders.Channel})"),
                MayDecide = decider is not null && review.Refusal is null,
                Refusal = review.Refusal,
            }));
        }

        var note = gates.Count > 0 && !approver ? WhoMayDecide(caller) : null;
        return new ExecutionActions(gates, StepControls(record, state, caller), note);
    }

    /// <summary>
    /// The executions whose gates the page shows: its own, then each child execution whose gate it waits for (its pending
    /// approvals name them), so that a person on a parent's page decides its child's gate there, as on the child's page.
    /// </summary>
    private static IEnumerable<string> GatesShown(string executionId, ExecutionState state) =>
        state.PendingApprovals.Select(gate => gate.ExecutionId).OfType<string>().Where(id => id != executionId)
            .Distinct(StringComparer.Ordinal).Prepend(executionId);

    /// <summary>The parent of <paramref name="executionId"/> when it is not <paramref name="pageId"/> (a grandchild or deeper); null otherwise.</summary>
    private async Task<string?> StartedByAsync(string executionId, string pageId, CancellationToken cancellationToken)
    {
        var parent = (await engine.History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false))?.ParentExecutionId;
        return parent == pageId ? null : parent;
    }

    private static string WhoMayDecide(HttpCaller? caller)
    {
        var who = caller is null ? "This page" : $"{caller.Identity} (roles {(caller.Roles.Count == 0 ? "none" : string.Join(", ", caller.Roles))})";
        return $"{who} can see this gate but not decide it: on the dashboard, gates are decided by people with the approver role "
            + "(and, where a gate lists approvers, only by those it names). Ask one of them, or log in with a token that has the approver role.";
    }

    private static List<StepControl> StepControls(ExecutionRecord record, ExecutionState state, HttpCaller? caller)
    {
        if (caller is null || !ServerRoles.Grants(caller.Roles, ServerRoles.Operator))
        {
            return [];
        }

        var allowed = ControlRules.AllowedIn(record.Status, state.Steps.Any(step => step.Status is StepStatus.Interrupted or StepStatus.Failed));
        ControlAction[] offered = [.. new[] { ControlAction.RetryStep, ControlAction.SkipStep }.Where(allowed.Contains)];
        if (offered.Length == 0)
        {
            return [];
        }

        return [.. state.Steps
            .Where(step => ControlRules.RetryableStepStatuses.Contains(step.Status))
            .Select(step => new StepControl(step.Id, EnumNames.ToName(step.Status), [.. offered.Select(action => EnumNames.ToName(action))]))];
    }
}
