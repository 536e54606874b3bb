using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>What a person deciding a gate through a link is shown and sent: the step's plan, and the gate's <c>notify:</c>.</summary>
internal sealed partial class ExecutionRun
{
    /// <summary>
    /// What the step waiting at its gate will do, planned as a dry run plans it but with the run's real scope (its rendered
    /// arguments, masked, and the action's description); null for the start gate or a step not waiting.
    /// </summary>
    public StepPlan? PlanGate(string stepId)
    {
        if (!_byId.TryGetValue(stepId, out var step))
        {
            return null;
        }

        lock (_lock)
        {
            return step.Status == StepStatus.WaitingApproval ? _planner.PlanStep(step) : null;
        }
    }

    private GateOpening Opening(PendingApproval gate, GateNotice? notice) =>
        new(Id, gate.StepId, _playbook.Id, _playbook.Version, gate.Message, notice);

    /// <summary>The gate's <c>notify:</c> rendered now; null when it has none, or it cannot be rendered (logged on the step).</summary>
    private GateNotice? NoticeOf(StepRuntime step)
    {
        if (step.Definition.Approval?.Notify is not { } notify)
        {
            return null;
        }

        try
        {
            // The webhook is where the notice goes (a secret, often): used as it is. The text is what people read: masked, as
            // the gate's message is.
            var webhook = notify.Webhook.Render(_scope).ToDisplayString();
            var text = notify.Text?.Render(_scope) is { } rendered ? _history.Mask(rendered.ToDisplayString()) : null;
            return new GateNotice(webhook, notify.Format, text);
        }
        catch (ExpressionEvaluationException e)
        {
            _history.Log(step.Id, ExecutionLogLevel.Warning, $"the approval link cannot be posted: its gate's notify could not be rendered: {e.Message}");
            return null;
        }
    }
}
