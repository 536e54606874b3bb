using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Execution;

/// <summary>Decisions on gates (a step's, and <c>safety.require_approval</c>'s before the first step), and their timeouts.</summary>
internal sealed partial class ExecutionRun
{
    private IRunHost? _host;
    private PendingApproval? _startGate;
    private StepError? _startRejection;

    public void AttachHost(IRunHost host) => _host = host;

    private bool StartGatePending => _startGate is { } gate && _startRejection is null && ApprovalRules.Outcome(gate) == ApprovalOutcome.Pending && !_startGateExpired;

    private bool _startGateExpired;

    /// <summary>The start gate's outcome has been acted on (recorded approved, rejected or expired): nothing is left to drive for it.</summary>
    private bool _startGateSettled;

    /// <summary>The gates waiting for people, with their deadlines (to restore the timer index).</summary>
    public IReadOnlyList<PendingApproval> OpenGates
    {
        get
        {
            lock (_lock)
            {
                return WaitingGates(undecidedOnly: false);
            }
        }
    }

    /// <summary>The gates the run waits at, the start gate first; call it under the lock.</summary>
    private List<PendingApproval> WaitingGates(bool undecidedOnly)
    {
        var gates = StartGatePending ? new List<PendingApproval> { _startGate! } : [];
        gates.AddRange(_steps.Where(s => undecidedOnly ? s.GateOpen : s.Status == StepStatus.WaitingApproval && s.Gate is not null).Select(s => s.Gate!));
        return gates;
    }

    /// <summary>Every gate the run has reached, open or not (to clear their deadlines when it ends).</summary>
    public IReadOnlyList<string> GateIds
    {
        get
        {
            lock (_lock)
            {
                var ids = _steps.Where(s => s.Gate is not null).Select(s => s.Id).ToList();
                if (_startGate is not null)
                {
                    ids.Add(ApprovalGates.StartGateId);
                }

                return ids;
            }
        }
    }

    /// <summary>The gate before the first step (<c>safety.require_approval</c>). True when the steps may run.</summary>
    private async Task<bool> PassStartGateAsync()
    {
        if (!_playbook.Safety.RequireApproval || _request.DryRun || _startRejection is not null)
        {
            return _startRejection is null;
        }

        if (_startGate is null)
        {
            var gate = StartGate.Of(_playbook, _history.Masker, Now);
            if (CanAutoApprove(gate))
            {
                _startGate = await AutoApproveAsync(gate, []).ConfigureAwait(false);
                _startGateSettled = true;
                return true;
            }

            _startGate = gate;
            _history.Log(null, ExecutionLogLevel.Info, $"waiting for approval before the first step: {gate.Message}");
            await _history.WriteAsync([new HistoryWrite.SaveApproval(ApprovalRow(gate, ApprovalStatus.Pending), ClearDecisions: true)]).ConfigureAwait(false);
            _host?.GateReached(Opening(gate, notice: null));
            return false;
        }

        switch (ApprovalRules.Outcome(_startGate))
        {
            case ApprovalOutcome.Approved:
                if (!_startGateSettled)
                {
                    await _history.WriteAsync([new HistoryWrite.SaveApproval(ApprovalRow(_startGate, ApprovalStatus.Approved))]).ConfigureAwait(false);
                    _startGateSettled = true;
                }

                return true;
            case ApprovalOutcome.Rejected:
                _startRejection = new StepError(ErrorCategory.Authorization, $"the start was {RejectedBy(_startGate)}");
                await _history.WriteAsync([new HistoryWrite.SaveApproval(ApprovalRow(_startGate, ApprovalStatus.Rejected))]).ConfigureAwait(false);
                _startGateSettled = true;
                return false;
            default:
                if (_startGateExpired)
                {
                    _startRejection = new StepError(ErrorCategory.Timeout, "nobody approved the start in time");
                    await _history.WriteAsync([new HistoryWrite.SaveApproval(ApprovalRow(_startGate, ApprovalStatus.Expired)), GateTimedOut(_startGate, "reject")]).ConfigureAwait(false);
                    _startGateSettled = true;
                }

                return false;
        }
    }

    /// <summary>A step whose gate was approved earlier (a retried step) is not asked again.</summary>
    private bool GatePassed(StepRuntime step)
    {
        lock (_lock)
        {
            return step.Gate is { } gate && ApprovalRules.Outcome(gate) == ApprovalOutcome.Approved;
        }
    }

    /// <summary>Records a decision; once the gate is decided the run goes on (unless it is paused).</summary>
    public async Task<ExecutionState> DecideAsync(ApprovalRequest request)
    {
        if (PastItsDeadline(request.StepId))
        {
            // Its timer has not fired yet (a busy or suspended machine, a takeover that re-armed it): the deadline still
            // holds. on_timeout applies now, and the decision is refused below as too late.
            ExpireGate(request.StepId);
        }

        PendingApproval decided;
        IDisposable accepted;
        var by = request.By;
        var decision = new ApprovalDecision(by.Identity, request.Approve, Now, request.Comment, by.Channel, by.Name, by.Claimed);
        lock (_lock)
        {
            RefuseWhileCancelling("decide on");
            var gate = FindOpenGate(request.StepId);
            if (request.GateOpenedAt is { } seen && ApprovalRules.ReachedAgain(gate, seen) is { } again)
            {
                throw again;
            }

            if (ApprovalRules.Refuse(gate, by, _request.StartedBy, _services.Options.AcceptAssistantApprovals) is { } refusal)
            {
                throw refusal;
            }

            decided = gate with { Decisions = [.. gate.Decisions, decision] };
            if (request.StepId == ApprovalGates.StartGateId)
            {
                _startGate = decided;
            }
            else
            {
                _byId[request.StepId].Gate = decided;
            }

            // Recorded before a cancel accepted from now on is (CancelAcceptance).
            accepted = _acceptance.Accepting();
        }

        var verb = request.Approve ? "approved" : "rejected";
        _history.Log(request.StepId == ApprovalGates.StartGateId ? null : request.StepId, ExecutionLogLevel.Info,
            $"{verb} by {request.Approver} ({EnumNames.ToName(by.Channel)}{(by.Verified ? "" : ", unverified")}){(string.IsNullOrWhiteSpace(request.Comment) ? "" : $": {request.Comment}")} ({ApprovalRules.Progress(decided)})");
        using (accepted)
        {
            await RecordDecisionAsync(request, decision).ConfigureAwait(false);
        }

        if (ApprovalRules.Outcome(decided) != ApprovalOutcome.Pending)
        {
            _host?.GateClosed(this, request.StepId);
            if (_record.Status is ExecutionStatus.WaitingApproval or ExecutionStatus.Running)
            {
                var parked = !IsDriving;
                var drive = Drive();
                if (parked)
                {
                    await TakenUpAsync(request.StepId, drive).ConfigureAwait(false);
                }
            }
        }
        else
        {
            // The gate still waits, with one more decision on it: watchers of the state (a page's gate panel) see it now.
            _observer?.ExecutionChanged(BuildState());
        }

        return BuildState();
    }

    /// <summary>The decision's row and its audit entry, in one commit.</summary>
    private Task RecordDecisionAsync(ApprovalRequest request, ApprovalDecision decision)
    {
        var by = request.By;
        return _history.WriteAsync(
        [
            new HistoryWrite.AppendDecision(DecisionRow(request.StepId, decision)),
            Audit(request.Approver, request.Approve ? "step_approved" : "step_rejected", "step", $"{Id}/{request.StepId}", Value.From(
            [
                KeyValuePair.Create("comment", request.Comment is null ? Value.Null : Value.From(request.Comment)),
                KeyValuePair.Create("channel", Value.From(EnumNames.ToName(by.Channel))),
                KeyValuePair.Create("verified", Value.From(by.Verified)),
                KeyValuePair.Create("name", by.Name is null ? Value.Null : Value.From(by.Name)),
                KeyValuePair.Create("claimed", by.Claimed is null ? Value.Null : Value.From(by.Claimed)),
                KeyValuePair.Create("roles", Value.From(by.Roles.Select(Value.From))),
            ]).ToJson()),
        ]);
    }

    /// <summary>
    /// Waits until the drive a decision started at a parked gate has taken it up (the gate's step has left it, or for the
    /// start gate the execution runs again), or has parked or ended: the state the decider is answered with is then the one
    /// after the decision. Before, it was built the moment the drive started, still waiting_approval with the decided gate
    /// among the pending ones (and approve_step among the next actions), while a decision forwarded to another process
    /// answered with the execution running. That drive's first acts are these, so the wait is a commit or two.
    /// </summary>
    private async Task TakenUpAsync(string stepId, Task drive)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var waiting = stepId == ApprovalGates.StartGateId
                    ? _record.Status == ExecutionStatus.WaitingApproval
                    : _byId[stepId].Status == StepStatus.WaitingApproval;
                if (!waiting || drive.IsCompleted)
                {
                    return;
                }

                changed = (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await Task.WhenAny(changed, drive).ConfigureAwait(false);
        }
    }

    /// <summary>The gate's timeout passed: <c>on_timeout</c> applies when the drive comes back to it.</summary>
    public void ExpireGate(string stepId)
    {
        lock (_lock)
        {
            if (stepId == ApprovalGates.StartGateId)
            {
                if (!StartGatePending)
                {
                    return;
                }

                _startGateExpired = true;
            }
            else if (!_byId.TryGetValue(stepId, out var step) || !step.GateOpen)
            {
                return;
            }
            else
            {
                step.GateExpired = true;
            }
        }

        _history.Log(stepId == ApprovalGates.StartGateId ? null : stepId, ExecutionLogLevel.Warning, "its approval gate timed out with no decision");
        if (_record.Status is ExecutionStatus.WaitingApproval or ExecutionStatus.Running)
        {
            _ = Drive();
        }
    }

    /// <summary>Whether the open gate <paramref name="stepId"/> names has a deadline that has passed.</summary>
    private bool PastItsDeadline(string stepId)
    {
        lock (_lock)
        {
            var gate = stepId == ApprovalGates.StartGateId
                ? StartGatePending ? _startGate : null
                : _byId.TryGetValue(stepId, out var step) && step.GateOpen ? step.Gate : null;
            return gate?.ExpiresAt is { } deadline && deadline <= Now;
        }
    }

    private PendingApproval FindOpenGate(string stepId)
    {
        if (stepId == ApprovalGates.StartGateId && StartGatePending)
        {
            return _startGate!;
        }

        var open = WaitingGates(undecidedOnly: true).Select(g => g.StepId).ToList();
        var waiting = open.Count == 0 ? "it has no gate waiting for a decision (get_execution shows where it stands and what each step waits for)" : $"the gates waiting for a decision are: {string.Join(", ", open)}";
        if (stepId != ApprovalGates.StartGateId && !_byId.ContainsKey(stepId))
        {
            throw new ExecutionRefusedException(RefusalKind.UnknownStep, $"execution {Id} has no step '{stepId}'; {waiting}.");
        }

        var step = stepId == ApprovalGates.StartGateId ? null : _byId[stepId];
        if (step is null || !step.GateOpen)
        {
            var what = step is null
                ? _startGateExpired ? "the start gate timed out with no decision" : "the start gate is not waiting"
                : step.Status == StepStatus.WaitingApproval && step.GateExpired && step.Gate is { } expired
                    ? $"the gate of step '{stepId}' timed out with no decision{(expired.ExpiresAt is { } at ? $" at {at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" : "")} (on_timeout: {EnumNames.ToName(expired.OnTimeout)})"
                : step.Status == StepStatus.WaitingApproval && step.Gate is { } decided
                    ? $"the gate of step '{stepId}' is already decided ({ApprovalRules.Progress(decided)}); the execution goes on from it"
                    : $"step '{stepId}' is {EnumNames.ToName(step.Status)}, not waiting for approval";
            throw new ExecutionRefusedException(RefusalKind.NoPendingGate, $"cannot decide on execution {Id}: {what} (the execution is {EnumNames.ToName(_record.Status)}); {waiting}.");
        }

        return step.Gate!;
    }
}
