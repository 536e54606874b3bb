using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Approval gates: a step's <c>approval:</c> or the <c>approval</c> action. With <c>AutoApprove</c> the
/// starter passes them on the record; otherwise the step waits (issue #4 adds decisions and resume).
/// </summary>
internal sealed partial class ExecutionRun
{
    private PendingApproval? GateOf(StepRuntime step, IExpressionScope scope)
    {
        var definition = step.Definition;
        if (definition.Approval is { } approval)
        {
            return new PendingApproval
            {
                StepId = step.Id,
                Message = _history.Mask(GateMessage(approval.Message, scope, step)),
                Approvers = approval.Approvers,
                MinApprovals = approval.MinApprovals,
                ExpiresAt = approval.Timeout is { } timeout ? Now + timeout : null,
            };
        }

        if (definition.Action != "approval")
        {
            return null;
        }

        var arguments = Render(definition.With, scope, "with");
        string? Text(string name) => arguments.TryGetProperty(name, out var v) && v.Kind != ValueKind.Null ? v.ToDisplayString() : null;
        var approvers = arguments.TryGetProperty("approvers", out var list) && list.Kind == ValueKind.List
            ? list.AsList().Select(v => v.ToDisplayString()).ToList()
            : [];
        var min = arguments.TryGetProperty("min_approvals", out var n) && n.Kind == ValueKind.Number ? (int)n.AsNumber() : 1;
        var expires = Text("timeout") is { } text && Durations.TryParse(text, out var limit) ? Now + limit : (DateTimeOffset?)null;
        return new PendingApproval
        {
            StepId = step.Id,
            Message = _history.Mask(Text("message") ?? $"Approve step '{step.Id}'?"),
            Approvers = approvers,
            MinApprovals = min,
            ExpiresAt = expires,
        };
    }

    private static string GateMessage(Definitions.Templates.ValueTemplate? message, IExpressionScope scope, StepRuntime step)
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

    /// <summary>Passes the gate (auto-approve, recorded) or parks the step at it. True when the step may go on.</summary>
    private async Task<bool> PassGateAsync(StepRuntime step, PendingApproval gate)
    {
        if (_request.AutoApprove)
        {
            var decision = new ApprovalDecision(_request.StartedBy, Approved: true, Now, "auto-approved: the run was started with auto-approve");
            Mutate(() => step.Gate = gate with { Decisions = [decision] });
            _history.Log(step.Id, ExecutionLogLevel.Info, $"approval gate passed: auto-approved by {_request.StartedBy} ({gate.Message})");
            await _history.WriteAsync([Audit(_request.StartedBy, "step_approved", "step", $"{Id}/{step.Id}", Value.From(
            [
                KeyValuePair.Create("auto", Value.True),
                KeyValuePair.Create("message", Value.From(gate.Message)),
            ]).ToJson())]).ConfigureAwait(false);
            return true;
        }

        Mutate(() =>
        {
            step.Status = StepStatus.WaitingApproval;
            step.Gate = gate;
            step.StartedAt ??= Now;
        });
        _history.Log(step.Id, ExecutionLogLevel.Info, $"waiting for approval: {gate.Message}");
        await _history.SaveStepAsync(Snapshot(step), step.Position).ConfigureAwait(false);
        return false;
    }

    private Value Decisions(StepRuntime step)
    {
        lock (_lock)
        {
            return Value.From((step.Gate?.Decisions ?? []).Select(d => Value.From(
            [
                KeyValuePair.Create("approver", Value.From(d.Approver)),
                KeyValuePair.Create("decision", Value.From(d.Approved ? "approve" : "reject")),
                KeyValuePair.Create("at", Value.From(d.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture))),
                KeyValuePair.Create("comment", Value.From(d.Comment)),
            ])));
        }
    }
}
