using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Hosting;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Execution;

/// <summary>How an execution ends: completed, parked at a gate, failed (and rolled back), or cancelled; then finally.</summary>
internal sealed partial class ExecutionRun
{
    private async Task<ExecutionState> ConcludeAsync(CancellationToken cancelled, CancellationTokenSource? timeout)
    {
        if (cancelled.IsCancellationRequested)
        {
            await CancelUnfinishedAsync().ConfigureAwait(false);
            return await EndAsync(ExecutionStatus.Cancelled, new StepError(ErrorCategory.Unknown, "cancelled by the caller; running steps were stopped"), runFinally: true).ConfigureAwait(false);
        }

        StepError? error = null;
        if (timeout?.IsCancellationRequested == true)
        {
            await CancelUnfinishedAsync().ConfigureAwait(false);
            error = new StepError(ErrorCategory.Timeout, $"the execution exceeded its timeout of {Durations.Format(_playbook.Timeout!.Value)}; running steps were stopped");
        }

        StepRuntime? failed;
        StepRuntime? interrupted;
        bool waiting;
        lock (_lock)
        {
            failed = _steps.Where(s => s.FailedHard).OrderBy(s => s.EndedAt).FirstOrDefault();
            interrupted = _steps.FirstOrDefault(s => s.Status == StepStatus.Interrupted);
            waiting = _steps.Any(s => s.Status == StepStatus.WaitingApproval) || StartGatePending;
        }

        if (failed is not null)
        {
            error ??= new StepError(failed.Error!.Category, $"step '{failed.Id}' failed: {failed.Error.Message}");
        }

        error ??= _startRejection;
        if (error is null)
        {
            if (interrupted is not null)
            {
                _history.Log(interrupted.Id, ExecutionLogLevel.Warning, $"the execution is paused: step '{interrupted.Id}' was interrupted; check what it did, then retry_step or skip_step it");
                return await ParkAsync(ExecutionStatus.Paused).ConfigureAwait(false);
            }

            if (PauseRequested)
            {
                _history.Log(null, ExecutionLogLevel.Info, "paused: no new step starts until resume");
                return await ParkAsync(ExecutionStatus.Paused).ConfigureAwait(false);
            }

            if (waiting)
            {
                return await ParkAsync(ExecutionStatus.WaitingApproval).ConfigureAwait(false);
            }

            if (_steps.Any(s => s.Status == StepStatus.Pending))
            {
                // Woken with nothing left to start (a pause asked and taken back): nothing more to do now.
                return await ParkAsync(ExecutionStatus.Paused).ConfigureAwait(false);
            }

            RenderOutputs();
            return await EndAsync(ExecutionStatus.Completed, error: null, runFinally: true).ConfigureAwait(false);
        }

        if (_playbook.OnFailure == FailurePolicy.Rollback)
        {
            return await (await RollbackAsync(cancelled).ConfigureAwait(false) switch
            {
                RollbackOutcome.Undone => EndAsync(ExecutionStatus.RolledBack, error, runFinally: true),
                RollbackOutcome.SomeFailed => EndAsync(ExecutionStatus.Failed, error with { Message = error.Message + "; some rollbacks failed too (see the log)" }, runFinally: true),
                _ => EndAsync(ExecutionStatus.Cancelled, RollbackCancelled(error), runFinally: true),
            }).ConfigureAwait(false);
        }

        return await EndAsync(ExecutionStatus.Failed, error, runFinally: true).ConfigureAwait(false);
    }

    private async Task CancelUnfinishedAsync()
    {
        List<StepRuntime> open;
        lock (_lock)
        {
            open = [.. _steps.Where(s => s.Status is StepStatus.Running or StepStatus.WaitingApproval)];
        }

        foreach (var step in open)
        {
            await FinishCancelledAsync(step).ConfigureAwait(false);
        }
    }

    /// <summary>Stops at a gate, a pause or an interrupted step: the execution waits for people; finally does not run yet.</summary>
    private async Task<ExecutionState> ParkAsync(ExecutionStatus status, HistoryWrite? audit = null)
    {
        lock (_lock)
        {
            _pauseRequested = false;
        }

        await SetStatusAsync(status, audit: audit).ConfigureAwait(false);
        return BuildState();
    }

    private void RenderOutputs()
    {
        var outputs = new List<KeyValuePair<string, Value>>();
        foreach (var (name, template) in _playbook.Outputs)
        {
            try
            {
                outputs.Add(KeyValuePair.Create(name, template.Render(_scope)));
            }
            catch (ExpressionEvaluationException e)
            {
                outputs.Add(KeyValuePair.Create(name, Value.Null));
                _history.Log(null, ExecutionLogLevel.Warning, $"output '{name}' cannot be evaluated: {e.Message}");
            }
        }

        _outputs = Value.From(outputs);
    }

    /// <summary>Sets the final status (visible to finally as execution.status), runs finally, and records the end.</summary>
    private async Task<ExecutionState> EndAsync(ExecutionStatus status, StepError? error, bool runFinally)
    {
        _visibleStatus = status;
        _error = error is null ? null : error with { Message = _history.Mask(error.Message) };
        _scope.Invalidate();
        if (runFinally && _playbook.Finally.Count > 0)
        {
            await RunFinallyAsync().ConfigureAwait(false);
        }

        _completedBeforeTakeover = CompletedCalls.None;

        await MarkNotRunAsync().ConfigureAwait(false);
        var now = Now;
        _record = _record with
        {
            Status = status,
            EndedAt = now,
            UpdatedAt = now,
            ActiveMs = ActiveMsAt(now),
            RunningSince = null,
            ErrorCategory = _error?.Category,
            ErrorMessage = _error?.Message,
            OutputsJson = _history.Json(_outputs) ?? "{}",
        };
        await _history.WriteAsync(
        [
            new HistoryWrite.SaveExecution(_record),
            Audit("engine", "execution_ended", "execution", Id, Value.From([KeyValuePair.Create("status", Value.From(EnumNames.ToName(status)))]).ToJson()),
        ]).ConfigureAwait(false);
        var state = BuildState();
        _observer?.ExecutionChanged(state);
        return state;
    }

    /// <summary>In an execution that has ended, a step that never started is <c>not_run</c> (in its state and in history), not pending.</summary>
    private async Task MarkNotRunAsync()
    {
        List<StepRuntime> never = [];
        Mutate(() =>
        {
            never = [.. _steps.Where(s => s.Status == StepStatus.Pending)];
            never.ForEach(s => s.Status = StepStatus.NotRun);
        });
        foreach (var step in never)
        {
            await _history.SaveStepAsync(Snapshot(step), step.Position).ConfigureAwait(false);
        }
    }

    private ExecutionState BuildState()
    {
        List<StepState> steps;
        List<PendingApproval> pending;
        List<FinallyResult> results;
        long revision;
        ExecutionRecord record;
        StepError? error;
        Value outputs;
        lock (_lock)
        {
            revision = Interlocked.Increment(ref s_revisions);
            steps = [.. _steps.Select(Snapshot)];
            results = _finallyResults;
            pending = WaitingGates(undecidedOnly: false);
            pending.AddRange(_childGates.All);

            // Read once, with the revision: a state never mixes two records (a status from one, an end from the next), and
            // a later revision never shows an older record.
            record = _record;
            error = _error;
            outputs = _outputs;
        }

        return new ExecutionState
        {
            ExecutionId = Id,
            PlaybookId = _playbook.Id,
            PlaybookVersion = _playbook.Version,
            Status = record.Status,
            DryRun = _request.DryRun,
            StartedAt = record.StartedAt,
            EndedAt = record.EndedAt,
            Error = record.EndedAt is null ? null : error,
            Steps = steps,
            Finally = results,
            WouldFail = _request.DryRun ? DryRunFindings.Of(steps, results) : [],
            PendingApprovals = pending,
            Outputs = _history.Mask(outputs),
            NextActions = NextActions.For(Id, _playbook.Id, record.Status, _request.DryRun, _history.Mask(Value.From(SecretDefaults.Masked(_playbook, _request.Inputs))), steps, pending),
            Revision = revision,
        };
    }

    /// <summary>
    /// The state after ending the execution failed because a fault of the engine (<see cref="EngineFault"/>) ended its
    /// drive; null when <paramref name="error"/> is no such fault, or the end cannot be recorded.
    /// </summary>
    private async Task<ExecutionState?> EndUnexpectedAsync(Exception error)
    {
        if (EngineFault.Of(error) is not { } fault || IsFinished)
        {
            return null;
        }

        var problem = EngineFault.Error(fault);
        _history.Log(null, ExecutionLogLevel.Error, problem.Message);
        try
        {
            await CancelUnfinishedAsync().ConfigureAwait(false);
            return await EndAsync(ExecutionStatus.Failed, problem, runFinally: true).ConfigureAwait(false);
        }
        catch (HistoryWriteException)
        {
            return null; // not recorded: the drive ends with its own error, as a failed write ends it
        }
        catch (Exception again) when (again is not OutOfMemoryException)
        {
            // Its finally, or what the failure left behind, failed too: end it without finally rather than not at all.
            try
            {
                return await EndAsync(ExecutionStatus.Failed, problem with { Message = problem.Message + "; its finally steps did not run" }, runFinally: false).ConfigureAwait(false);
            }
            catch (Exception last) when (last is not OutOfMemoryException)
            {
                return null; // the drive ends with its own error, logged
            }
        }
    }

    /// <summary>The last <see cref="ExecutionState.Revision"/> given, by any run of this process.</summary>
    private static long s_revisions;
}
