using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>
/// The gate a step reaches, rendered from its definition in the run's scope: a step's <c>approval:</c>, or the arguments of
/// the <c>approval</c> action; null for a step with neither. Its message masked and bounded (<see cref="GateMessage"/>); its deadline counted from now.
/// </summary>
internal static class StepGate
{
    /// <param name="separateByDefault">The playbook's <c>safety.separate_approver</c>, for a gate that does not say.</param>
    public static PendingApproval? Of(StepRuntime step, IExpressionScope scope, bool separateByDefault, SecretMasker masker, DateTimeOffset now)
    {
        var definition = step.Definition;
        if (definition.Approval is { } approval)
        {
            return new PendingApproval
            {
                StepId = step.Id,
                Message = GateMessage.Bound(Message(approval.Message, scope, step), masker),
                MessageTemplate = GateMessage.TemplateOf(definition, masker),
                Approvers = approval.Approvers,
                MinApprovals = approval.MinApprovals,
                ExpiresAt = approval.Timeout is { } timeout ? now + timeout : null,
                OnTimeout = approval.OnTimeout,
                SeparateApprover = approval.SeparateApprover ?? separateByDefault,
                CreatedAt = now,
            };
        }

        return definition.Action == "approval" ? OfAction(step, RunTemplates.Render(definition.With, scope, "with"), separateByDefault, masker, now) : null;
    }

    /// <summary>The gate of an <c>approval</c> action, from its rendered arguments (unknown or mistyped ones take their defaults).</summary>
    private static PendingApproval OfAction(StepRuntime step, Value arguments, bool separateByDefault, SecretMasker masker, DateTimeOffset now)
    {
        string? Text(string name) => arguments.TryGetProperty(name, out var v) && v.Kind != ValueKind.Null ? v.ToDisplayString() : null;
        var approvers = arguments.TryGetProperty("approvers", out var list) && list.Kind == ValueKind.List
            ? list.AsList().Select(v => v.ToDisplayString()).ToList()
            : [];
        var min = arguments.TryGetProperty("min_approvals", out var n) && n.Kind == ValueKind.Number ? (int)n.AsNumber() : 1;
        var expires = Text("timeout") is { } text && Durations.TryParse(text, out var limit) ? now + limit : (DateTimeOffset?)null;
        var onTimeout = Text("on_timeout") switch
        {
            "approve" => ApprovalTimeoutDecision.Approve,
            "skip" => ApprovalTimeoutDecision.Skip,
            _ => ApprovalTimeoutDecision.Reject,
        };
        var separate = arguments.TryGetProperty("separate_approver", out var sep) && sep.Kind == ValueKind.Boolean ? sep.IsTruthy : separateByDefault;
        return new PendingApproval
        {
            StepId = step.Id,
            Message = GateMessage.Bound(Text("message") ?? $"Approve step '{step.Id}'?", masker),
            MessageTemplate = GateMessage.TemplateOf(step.Definition, masker),
            Approvers = approvers,
            MinApprovals = min,
            ExpiresAt = expires,
            OnTimeout = onTimeout,
            SeparateApprover = separate,
            CreatedAt = now,
        };
    }

    private static string Message(Definitions.Templates.ValueTemplate? message, IExpressionScope scope, StepRuntime step)
    {
        if (message is null)
        {
            return $"Approve step '{step.Id}' ({step.Definition.Action})?";
        }

        try
        {
            return message.Render(scope).ToDisplayString();
        }
        catch (ExpressionEvaluationException e)
        {
            return $"Approve step '{step.Id}' ({step.Definition.Action})? (its message could not be rendered: {e.Message})";
        }
    }
}
