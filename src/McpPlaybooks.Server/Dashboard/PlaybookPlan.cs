using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// A playbook version's plan for its page, without running anything: the steps and their edges from the definition, the
/// inputs a run without inputs would lack (the engine's <see cref="InputBinder"/>, as a dry run checks them first), and,
/// when the history holds a dry run of this exact text, that dry run's own account of each step (would it run, what it
/// would do, what would fail). A page view never starts a dry run: that is <c>plan_playbook</c>'s, an operator's.
/// </summary>
internal static class PlaybookPlan
{
    public static PlanView Build(PlaybookDefinition definition, string? dryRunId, ExecutionState? dryRun)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var plans = dryRun?.Steps.Where(s => s.Plan is not null).ToDictionary(s => s.Id, s => s.Plan!, StringComparer.Ordinal) ?? [];
        var missing = InputBinder.Bind(definition, new Dictionary<string, Value>(StringComparer.Ordinal)).Problems;
        var steps = definition.Steps.Select(step => Step(step, plans.GetValueOrDefault(step.Id))).ToList();
        var finallyCalls = definition.Finally.Select(call => (call.Id ?? call.Name) is { } name ? $"{name}: {call.Action}" : call.Action).ToList();
        return new PlanView(steps, finallyCalls, missing, plans.Count > 0 ? dryRunId : null);
    }

    private static PlanStepView Step(StepDefinition step, StepPlan? plan)
    {
        var when = step.When?.Node.Text;
        var loop = step.Foreach is { } each ? each.Expression?.Node.Text ?? "a list of items" : null;
        return new PlanStepView
        {
            Id = step.Id,
            Action = step.Action,
            Needs = step.Needs,
            WouldRun = plan is null ? (when is null ? "yes" : "if") : plan.WouldRun ? "yes" : "no",
            Condition = plan is { WouldRun: false, Reason: { } reason } ? reason : when,
            Foreach = loop is null ? null : plan?.Iterations is { } count ? $"{loop} ({count} item{(count == 1 ? "" : "s")} in the dry run)" : loop,
            Gate = step.Approval is { } approval
                ? approval.Approvers.Count == 0 ? "approval" : "approval by " + string.Join(", ", approval.Approvers)
                : null,
            Rollback = step.Rollback.Count > 0,
            Description = plan?.Description ?? [],
            WouldFail = plan?.WouldFail ?? [],
        };
    }
}
