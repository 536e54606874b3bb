using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Execution;

/// <summary>A step's state changes, each committed to history before the run goes on (a pure step's end: with the next commit).</summary>
internal sealed partial class ExecutionRun
{
    private async Task MarkRunningAsync(StepRuntime step)
    {
        Mutate(() =>
        {
            step.Status = StepStatus.Running;
            step.StartedAt ??= Now;
        });
        await _history.SaveStepAsync(Snapshot(step), step.Position).ConfigureAwait(false);
    }

    private async Task CompleteAsync(StepRuntime step, Value output)
    {
        output = _history.TaintKnown(output);
        History.Records.StepAttemptRecord? attempt = null;
        Mutate(() =>
        {
            step.Status = StepStatus.Completed;
            step.Output = output;
            step.StartedAt ??= Now;
            step.EndedAt = Now;
            step.CompletionOrder = ++_completions;
            attempt = step.PendingAttempt;
            step.PendingAttempt = null;
        });
        // A pure action's end rides the next commit; any write that follows commits it first (HistoryRecorder.SaveStepLaterAsync).
        await (attempt is not null && IsPure(step)
            ? _history.SaveStepLaterAsync(Snapshot(step), step.Position, attempt)
            : _history.SaveStepAsync(Snapshot(step), step.Position, attempt)).ConfigureAwait(false);
    }

    /// <summary>A step whose only work was a pure action (no verify calls): nothing outside the engine saw it run.</summary>
    private bool IsPure(StepRuntime step) =>
        step.Definition.Verify.Count == 0 && _services.Actions.Get(step.Definition.Action).Descriptor.IsPure;

    private async Task FailAsync(StepRuntime step, ErrorCategory category, string message, Value output)
    {
        var error = new StepError(category, _history.Mask(message));
        output = _history.TaintKnown(output);
        Mutate(() =>
        {
            step.Status = StepStatus.Failed;
            step.Error = error;
            step.Output = output;
            step.StartedAt ??= Now;
            step.EndedAt = Now;
            step.CompletionOrder = ++_completions;
        });
        var excused = step.Definition.ContinueOnError ? " (continue_on_error: the execution goes on)" : "";
        _history.Log(step.Id, step.Definition.ContinueOnError ? ExecutionLogLevel.Warning : ExecutionLogLevel.Error,
            $"step failed ({EnumNames.ToName(category)}): {message}{excused}");
        // A failure that stops the run commits its audit entry with the step: a takeover orders it against the latest reopen.
        await _history.SaveStepsAsync([(Snapshot(step), step.Position)], Hosting.FailureStop.Stops(_playbook, step.Definition) ? [StoppedBy(step)] : []).ConfigureAwait(false);
    }

    /// <summary>The audit entry of a failure that stops the run (<see cref="Hosting.FailureStop"/>).</summary>
    private HistoryWrite StoppedBy(StepRuntime step) =>
        Audit("engine", Hosting.FailureStop.Action, "step", $"{Id}/{step.Id}",
            Value.From([KeyValuePair.Create("on_failure", Value.From(EnumNames.ToName(_playbook.OnFailure)))]).ToJson());

    private async Task SkipAsync(StepRuntime step, string reason, bool blocked)
    {
        Mutate(() =>
        {
            step.Status = StepStatus.Skipped;
            step.Blocked = blocked;
            step.Output = Value.Null;
            step.EndedAt = Now;
        });
        _history.Log(step.Id, ExecutionLogLevel.Info, $"skipped: {reason}");
        await _history.SaveStepAsync(Snapshot(step), step.Position, blocked: blocked).ConfigureAwait(false);
    }

    private async Task FinishCancelledAsync(StepRuntime step)
    {
        Mutate(() =>
        {
            step.Status = StepStatus.Cancelled;
            step.EndedAt = Now;
        });
        await _history.SaveStepAsync(Snapshot(step), step.Position).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the execution's status and commits its record; with <paramref name="steps"/> and <paramref name="audit"/>, their
    /// states and the audit entry in the same commit.
    /// </summary>
    private async Task SetStatusAsync(ExecutionStatus status, IReadOnlyList<StepRuntime>? steps = null, HistoryWrite? audit = null)
    {
        _visibleStatus = status;
        var now = Now;
        var parked = status is ExecutionStatus.Paused or ExecutionStatus.WaitingApproval;
        _record = _record with
        {
            Status = status,
            UpdatedAt = now,
            ActiveMs = parked ? ActiveMsAt(now) : _record.ActiveMs,
            RunningSince = parked ? null : _record.RunningSince ?? now,
        };
        _scope.Invalidate();
        TaskCompletionSource? changed;
        lock (_lock)
        {
            changed = TakeChanged();
        }

        changed?.TrySetResult();
        HistoryWrite[] more = audit is null ? [new HistoryWrite.SaveExecution(_record)] : [audit, new HistoryWrite.SaveExecution(_record)];
        if (steps is null)
        {
            await _history.WriteAsync(more).ConfigureAwait(false);
        }
        else
        {
            await _history.SaveStepsAsync([.. steps.Select(step => (Snapshot(step), step.Position))], more).ConfigureAwait(false);
        }

        _observer?.ExecutionChanged(BuildState());
    }

    /// <summary>Running time so far, the current stretch included.</summary>
    private long ActiveMsAt(DateTimeOffset now) =>
        _record.ActiveMs + (_record.RunningSince is { } since && now > since ? (long)(now - since).TotalMilliseconds : 0);

    /// <summary>The step's state as it leaves the engine: masked.</summary>
    private StepState Snapshot(StepRuntime step)
    {
        lock (_lock)
        {
            return new StepState
            {
                Id = step.Id,
                Status = step.Status,
                Attempts = step.Attempts,
                StartedAt = step.StartedAt,
                EndedAt = step.EndedAt,
                Output = _history.Mask(step.Output),
                Error = step.Error,
                Plan = step.Plan,
                RunningProcessId = step.Status == StepStatus.Interrupted && step.SurvivingProcess is { } process && SurvivingProcess.IsRunning(process) ? process.Pid : null,
            };
        }
    }
}
