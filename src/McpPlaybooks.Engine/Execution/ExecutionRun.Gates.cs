using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Approval gates: a step's <c>approval:</c> or the <c>approval</c> action. With <c>AutoApprove</c> the
/// starter passes them on the record (unless <c>separate_approver</c> forbids it); otherwise the step
/// waits, recorded, and the run parks until people decide or the gate's timeout applies <c>on_timeout</c>.
/// </summary>
internal sealed partial class ExecutionRun
{
    /// <summary>The gate this step reaches now (its definition rendered in <paramref name="scope"/>); null when it has none.</summary>
    internal PendingApproval? GateOf(StepRuntime step, IExpressionScope scope) =>
        StepGate.Of(step, scope, _playbook.Safety.SeparateApprover, _history.Masker, Now);

    /// <summary>
    /// Reaches a new gate: auto-approves it when the run allows (recorded), or parks the step at it.
    /// True when the step may go on now.
    /// </summary>
    private async Task<bool> OpenGateAsync(StepRuntime step, PendingApproval gate)
    {
        if (CanAutoApprove(gate))
        {
            _history.Log(step.Id, ExecutionLogLevel.Info, $"approval gate passed: auto-approved by {_request.StartedBy} ({gate.Message})");
            var approved = await AutoApproveAsync(gate, [KeyValuePair.Create("message", Value.From(gate.Message))]).ConfigureAwait(false);
            Mutate(() => step.Gate = approved);
            return true;
        }

        if (_request.AutoApprove)
        {
            var why = gate.SeparateApprover
                ? $"separate_approver forbids {_request.StartedBy}, who started the run, to approve it"
                : gate.MinApprovals > 1
                    ? $"it needs {gate.MinApprovals} approvals, from as many people, and auto-approve is one"
                    : $"its approvers ({string.Join(", ", gate.Approvers)}) do not name {AutoApprover.Identity}";
            _history.Log(step.Id, ExecutionLogLevel.Warning, $"auto-approve cannot pass this gate: {why}");
        }

        Mutate(() =>
        {
            step.Status = StepStatus.WaitingApproval;
            step.Gate = gate;
            step.GateExpired = false;
            step.StartedAt ??= Now;
        });
        _history.Log(step.Id, ExecutionLogLevel.Info, $"waiting for approval: {gate.Message}" + (gate.ExpiresAt is { } at ? $" (until {at:u}, then on_timeout: {EnumNames.ToName(gate.OnTimeout)})" : ""));
        await _history.WriteAsync([new History.Writes.HistoryWrite.SaveApproval(ApprovalRow(gate, ApprovalStatus.Pending), ClearDecisions: true)]).ConfigureAwait(false);
        await _history.SaveStepAsync(Snapshot(step), step.Position).ConfigureAwait(false);
        _host?.GateOpened(this, gate);
        _host?.GateReached(Opening(gate, NoticeOf(step)));
        return false;
    }

    /// <summary>Whether a waiting step's gate has an outcome (decided, or expired).</summary>
    private bool GateDecided(StepRuntime step)
    {
        lock (_lock)
        {
            return step.GateDecided;
        }
    }

    /// <summary>
    /// Applies a decided gate to its step: true when the step may go on; otherwise the step was failed
    /// (rejected, or expired with <c>on_timeout: reject</c>) or skipped (<c>on_timeout: skip</c>).
    /// </summary>
    private async Task<bool> ResolveGateAsync(StepRuntime step)
    {
        PendingApproval gate;
        bool expired;
        lock (_lock)
        {
            gate = step.Gate!;
            expired = step.GateExpired;
        }

        var outcome = ApprovalRules.Outcome(gate);
        if (outcome == ApprovalOutcome.Approved)
        {
            await _history.WriteAsync([new History.Writes.HistoryWrite.SaveApproval(ApprovalRow(gate, ApprovalStatus.Approved))]).ConfigureAwait(false);
            _history.Log(step.Id, ExecutionLogLevel.Info, $"approval gate passed: {string.Join(", ", gate.Decisions.Where(d => d.Approved).Select(d => d.Approver))}");
            return true;
        }

        if (outcome == ApprovalOutcome.Rejected)
        {
            await _history.WriteAsync([new History.Writes.HistoryWrite.SaveApproval(ApprovalRow(gate, ApprovalStatus.Rejected))]).ConfigureAwait(false);
            throw new Actions.ActionFailedException($"its approval gate was {RejectedBy(gate)}")
            {
                Category = ErrorCategory.Authorization,
            };
        }

        if (!expired)
        {
            return false;
        }

        await _history.WriteAsync(
        [
            new History.Writes.HistoryWrite.SaveApproval(ApprovalRow(gate, ApprovalStatus.Expired)),
            GateTimedOut(gate, EnumNames.ToName(gate.OnTimeout)),
        ]).ConfigureAwait(false);
        var waited = gate.ExpiresAt is { } until && gate.CreatedAt is { } since ? Durations.Format(until - since) : "its timeout";
        switch (gate.OnTimeout)
        {
            case ApprovalTimeoutDecision.Approve:
                _history.Log(step.Id, ExecutionLogLevel.Warning, $"no decision within {waited}: on_timeout: approve, so the step goes on");
                return true;
            case ApprovalTimeoutDecision.Skip:
                await SkipAsync(step, $"no decision on its gate within {waited} (on_timeout: skip)", blocked: false).ConfigureAwait(false);
                return false;
            default:
                throw new Actions.ActionFailedException($"no decision on its approval gate within {waited} (on_timeout: reject)")
                {
                    Category = ErrorCategory.Timeout,
                };
        }
    }

    /// <summary>
    /// Auto-approve is the starter's explicit go-ahead, for the gates the starter may decide alone: no approver list, or one
    /// that names them as their channel vouches for them; never separate_approver, never a gate that needs more than one
    /// approval (one person cannot make up a quorum).
    /// </summary>
    private bool CanAutoApprove(PendingApproval gate) =>
        _request.AutoApprove && !gate.SeparateApprover && gate.MinApprovals <= 1
        && (gate.Approvers.Count == 0 || gate.Approvers.Any(listed => ApprovalRules.Matches(AutoApprover, listed, acceptAssistant: false)));

    private ApproverIdentity AutoApprover =>
        _request.AutoApprover ?? new ApproverIdentity { Channel = ApprovalChannel.Cli, Identity = _request.StartedBy };

    /// <summary>Passes a gate on the starter's auto-approve, on the record (gate, decision, audit); returns the gate with its decision.</summary>
    private async Task<PendingApproval> AutoApproveAsync(PendingApproval gate, IEnumerable<KeyValuePair<string, Value>> auditDetail)
    {
        var by = AutoApprover;
        var decision = new ApprovalDecision(by.Identity, Approved: true, Now, "auto-approved: the run was started with auto-approve", by.Channel, by.Name);
        var approved = gate with { Decisions = [decision] };
        await _history.WriteAsync(
        [
            new History.Writes.HistoryWrite.SaveApproval(ApprovalRow(approved, ApprovalStatus.Approved), ClearDecisions: true),
            new History.Writes.HistoryWrite.AppendDecision(DecisionRow(gate.StepId, decision)),
            Audit(_request.StartedBy, "step_approved", "step", $"{Id}/{gate.StepId}", Value.From([KeyValuePair.Create("auto", Value.True), .. auditDetail]).ToJson()),
        ]).ConfigureAwait(false);
        return approved;
    }

    /// <summary>The audit row of a gate whose timeout passed with no decision, saying what followed.</summary>
    private History.Writes.HistoryWrite GateTimedOut(PendingApproval gate, string onTimeout) =>
        Audit("engine", "gate_timed_out", "step", $"{Id}/{gate.StepId}", Value.From(
        [
            KeyValuePair.Create("on_timeout", Value.From(onTimeout)),
            KeyValuePair.Create("expires_at", gate.ExpiresAt is { } at ? Value.From(at.ToString("O", System.Globalization.CultureInfo.InvariantCulture)) : Value.Null),
            KeyValuePair.Create("decisions", Value.From(gate.Decisions.Count)),
        ]).ToJson());

    /// <summary>"rejected by alice: not now", from a rejected gate's first rejection.</summary>
    private static string RejectedBy(PendingApproval gate)
    {
        var rejection = gate.Decisions.First(d => !d.Approved);
        // The comment as the error repeats it, bounded: the decision and its audit entry keep it whole.
        return $"rejected by {rejection.Approver}" + (string.IsNullOrWhiteSpace(rejection.Comment) ? "" : $": {Text.Echo.Of(rejection.Comment)}");
    }

    private Value Decisions(StepRuntime step)
    {
        lock (_lock)
        {
            return Value.From((step.Gate?.Decisions ?? []).Select(d => Value.From(
            [
                KeyValuePair.Create("approver", Value.From(d.Approver)),
                KeyValuePair.Create("decision", Value.From(d.Approved ? "approve" : "reject")),
                KeyValuePair.Create("channel", Value.From(EnumNames.ToName(d.Channel))),
                KeyValuePair.Create("verified", Value.From(d.Verified)),
                KeyValuePair.Create("at", Value.From(d.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture))),
                KeyValuePair.Create("comment", Value.From(d.Comment)),
            ])));
        }
    }

    private ApprovalRecord ApprovalRow(PendingApproval gate, ApprovalStatus status) => new()
    {
        ExecutionId = Id,
        StepId = gate.StepId,
        Message = gate.Message,
        Approvers = gate.Approvers,
        MinApprovals = gate.MinApprovals,
        ExpiresAt = gate.ExpiresAt,
        OnTimeout = gate.OnTimeout,
        SeparateApprover = gate.SeparateApprover,
        Status = status,
        CreatedAt = gate.CreatedAt ?? Now,
        ResolvedAt = status == ApprovalStatus.Pending ? null : Now,
    };

    private ApprovalDecisionRecord DecisionRow(string stepId, ApprovalDecision decision) => new()
    {
        ExecutionId = Id,
        StepId = stepId,
        Approver = decision.Approver,
        Channel = decision.Channel,
        Person = decision.Person,
        Claimed = decision.Claimed is null ? null : _history.Mask(decision.Claimed),
        Approved = decision.Approved,
        Comment = decision.Comment is null ? null : _history.Mask(decision.Comment),
        At = decision.At,
    };
}
