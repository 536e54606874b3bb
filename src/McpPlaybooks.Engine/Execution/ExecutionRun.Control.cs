using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Control actions (design §3): pause lets running steps finish; resume; cancel stops running steps now
/// and runs finally; rollback undoes an ended execution's completed steps; retry_step and skip_step go on
/// from a failed or interrupted step, keeping every other step's outputs.
/// </summary>
internal sealed partial class ExecutionRun
{
    /// <summary>Applies a control action (not <c>signal</c>, which the host delivers); refusals throw <see cref="ExecutionRefusedException"/>.</summary>
    public async Task<ExecutionState> ControlAsync(ControlRequest request)
    {
        // Ended or parked, any drive still running is concluding: the request waits for it rather than wake it.
        if (request.Action is ControlAction.RetryStep or ControlAction.SkipStep or ControlAction.Rollback
            && (IsFinished || _record.Status is ExecutionStatus.Paused or ExecutionStatus.WaitingApproval))
        {
            await ConcludedAsync().ConfigureAwait(false);
        }

        StepRuntime? step = null;
        Task? earlier = null;
        IDisposable? accepted = null;
        lock (_lock)
        {
            if (request.Action != ControlAction.Cancel)
            {
                RefuseWhileCancelling(EnumNames.ToName(request.Action));
            }

            var stuck = _steps.Any(s => s.Status is StepStatus.Interrupted || s.FailedHard);
            var status = EffectiveStatus;
            if (ControlRules.Refuse(request.Action, status, Id, stuck) is { } refusal)
            {
                throw new ExecutionRefusedException(RefusalKind.InvalidTransition, refusal);
            }

            if (request.Action is ControlAction.RetryStep or ControlAction.SkipStep)
            {
                step = StepReopening.StepFor(request, Id, _byId, _steps);
            }

            // Checked and counted (or a cancel marked) in this one hold of the lock (CancelAcceptance). A rollback is
            // not counted: it applies to an ended execution, which takes no cancel, and a cancel may stop it while it runs.
            if (request.Action == ControlAction.Cancel)
            {
                earlier = _acceptance.AcceptCancel();
            }
            else if (request.Action != ControlAction.Rollback)
            {
                accepted = _acceptance.Accepting();
            }
        }

        try
        {
            return await ApplyAsync(request, step, earlier).ConfigureAwait(false);
        }
        catch (Exception) when (request.Action == ControlAction.Cancel && !_cancel.IsCancellationRequested)
        {
            _acceptance.NotAccepted();
            throw;
        }
        finally
        {
            accepted?.Dispose();
        }
    }

    /// <summary>Records and applies a request <see cref="ControlAsync"/> accepted; a cancel is recorded after the requests accepted <paramref name="earlier"/>.</summary>
    private async Task<ExecutionState> ApplyAsync(ControlRequest request, StepRuntime? step, Task? earlier)
    {
        if (request.Action == ControlAction.Cancel && _cancel.IsCancellationRequested)
        {
            // Already cancelling (its finally steps may be running): a second cancel changes nothing, so it records nothing.
            if (!request.AnswerWhenRecorded)
            {
                await ConcludedAsync().ConfigureAwait(false);
            }

            return BuildState();
        }

        if (earlier is not null)
        {
            await earlier.ConfigureAwait(false);
        }

        var audit = Recorded(request, step);

        // A pause at a gate, a resume of a paused execution and a rollback commit their audit entry with the status they
        // set: a crash leaves both or neither. Committed one by one, a kill between them left the audit naming a pause (a
        // resume, a rollback) that never happened. The other actions record the request first: it takes effect later, in
        // the drive.
        var withStatus = request.Action switch
        {
            ControlAction.Pause => _record.Status == ExecutionStatus.WaitingApproval && !IsDriving,
            ControlAction.Resume => _record.Status == ExecutionStatus.Paused,
            ControlAction.Rollback => true,
            _ => step is not null,
        };
        if (!withStatus)
        {
            await _history.WriteAsync([audit]).ConfigureAwait(false);
        }

        switch (request.Action)
        {
            case ControlAction.Pause:
                lock (_lock)
                {
                    // A newer pause overrides a resume asked before an earlier pause took effect.
                    _redriveIfParked = false;
                }

                if (_record.Status == ExecutionStatus.WaitingApproval)
                {
                    await PauseAtGateAsync(withStatus ? audit : null).ConfigureAwait(false);
                }
                else
                {
                    RequestPause();
                }

                return BuildState();
            case ControlAction.Resume:
                lock (_lock)
                {
                    _pauseRequested = false;
                }

                if (withStatus)
                {
                    await SetStatusAsync(ExecutionStatus.Running, audit: audit).ConfigureAwait(false);
                    _ = Drive();
                }
                else
                {
                    // Still running its last steps: once it parks, it goes on.
                    lock (_lock)
                    {
                        _redriveIfParked = true;
                    }
                }

                return BuildState();
            case ControlAction.Cancel:
                var cancelling = CancelNowAsync();
                if (!request.AnswerWhenRecorded)
                {
                    return await cancelling.ConfigureAwait(false);
                }

                // Recorded, and the running steps told to stop: the drive ends the execution (finally first) and the host
                // hears how it ended; the caller is answered now.
                _ = cancelling.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return BuildState();
            case ControlAction.Rollback:
                return await StartDrive(() => RollbackEndedAsync(audit)).ConfigureAwait(false);
            case ControlAction.RetryStep or ControlAction.SkipStep:
                // The request's audit, the steps it reopens and the execution running again, in one commit: a crash leaves
                // all of it or none. Committed one by one, a kill between them once left the step pending and the execution
                // paused, with nothing to retry and nothing to say so.
                await SetStatusAsync(ExecutionStatus.Running, Reopen(step!, retry: request.Action == ControlAction.RetryStep), audit).ConfigureAwait(false);
                _ = Drive();
                return BuildState();
            default:
                return BuildState();
        }
    }

    /// <summary>
    /// A cancel or a pause queued for the process that died owning the execution (<see cref="Hosting.QueuedRequest"/>): its log
    /// line, and its audit entry committed with the request marked handled (and those it <paramref name="superseded"/> marked
    /// refused), before the takeover carries it out.
    /// </summary>
    public Task RecordQueuedAsync(ControlRequest request, long requestId, IReadOnlyList<long> superseded)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(superseded);
        var action = EnumNames.ToName(request.Action);
        var why = Hosting.RemoteRequests.Store(new ExecutionRefusedException(RefusalKind.InvalidTransition,
            $"superseded by the {action} queued after it (request {requestId}), carried out when execution {Id} was taken over after its process died"));
        return _history.WriteAsync([
            Recorded(request, step: null),
            new HistoryWrite.CompleteControlRequest(requestId, Now, null),
            .. superseded.Select(id => new HistoryWrite.CompleteControlRequest(id, Now, why)),
        ]);
    }

    /// <summary>The request's log line, written now, and its audit entry, to commit.</summary>
    private HistoryWrite Recorded(ControlRequest request, StepRuntime? step)
    {
        var channel = string.IsNullOrWhiteSpace(request.Channel) ? "" : $" ({request.Channel})";
        _history.Log(step?.Id, ExecutionLogLevel.Info, $"{EnumNames.ToName(request.Action)} by {request.RequestedBy}{channel}{(string.IsNullOrWhiteSpace(request.Comment) ? "" : $": {request.Comment}")}");
        return Audit(request.RequestedBy, EnumNames.ToName(request.Action), step is null ? "execution" : "step", step is null ? Id : $"{Id}/{step.Id}", ControlAuditDetail.Of(request));
    }

    /// <summary>
    /// Waits for the drive that ended (or parked) the execution to be done: its end is recorded and heard (a watcher may
    /// answer it with a retry at once) a moment before its task completes. Reopened meanwhile, the execution's new drive only
    /// woke that one, which was past its last look, and the execution stayed running with nothing driving it; a rollback
    /// started a second drive beside it.
    /// </summary>
    private async Task ConcludedAsync()
    {
        try
        {
            await Settled.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // how that drive ended is its caller's to report; the request goes on from the state it left
        }
    }

    /// <summary>
    /// Refuses what a cancel under way would never let take effect (a pause, a resume, a signal, a step reopened, a
    /// decision): the execution ends cancelled, so nothing of it is recorded. Before, a pause asked while finally ran after
    /// a cancel was accepted and audited ("then the execution is paused"), and the execution ended cancelled all the same.
    /// </summary>
    private void RefuseWhileCancelling(string what)
    {
        if ((_acceptance.CancelAccepted || _cancel.IsCancellationRequested) && !IsFinished)
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidTransition,
                $"cannot {what} execution {Id}: it is being cancelled (its running steps are told to stop, then finally runs), so it ends cancelled and "
                + "this would never take effect; nothing was recorded. Follow it with get_execution until it has ended.");
        }
    }

    /// <summary>Stops the running steps now; the drive ends the execution cancelled and runs finally.</summary>
    private async Task<ExecutionState> CancelNowAsync()
    {
        RequestCancel();
        var cancelled = await Drive().ConfigureAwait(false);

        // The drive this woke may have been parking at a gate, past its last look at the cancel: a new drive sees the cancel
        // first and ends the execution (without this, the cancel was lost and the run waited for good).
        return IsFinished ? cancelled : await Drive().ConfigureAwait(false);
    }

    /// <summary>
    /// Pauses an execution waiting at a gate. Its drive may still be ending there, past its last look at the pause (the gate
    /// is recorded and heard a moment before the drive's task ends): the pause is asked of that drive, and once it has
    /// parked at the gate all the same, taken here. Without this the pause was lost and the execution stayed at its gate.
    /// Such a drive starts no step, so the wait is short. <paramref name="audit"/>, given when no drive was running, is committed
    /// with the paused status.
    /// </summary>
    private async Task PauseAtGateAsync(HistoryWrite? audit)
    {
        if (IsDriving)
        {
            // A drive began since the caller looked: the request is recorded now, and the drive or this parks later.
            if (audit is not null)
            {
                await _history.WriteAsync([audit]).ConfigureAwait(false);
                audit = null;
            }

            RequestPause();
            try
            {
                await Settled.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return; // the drive failed: the host reports it, and the state says where the execution stands
            }

            // Parked at the gate with the pause still asked; a drive that saw the pause parked as paused itself.
            if (IsDriving || !PauseRequested || _record.Status != ExecutionStatus.WaitingApproval)
            {
                return;
            }
        }

        await ParkAsync(ExecutionStatus.Paused, audit).ConfigureAwait(false);
    }

    /// <summary>The status control rules see: a running execution asked to pause counts as paused (resume takes the request back).</summary>
    private ExecutionStatus EffectiveStatus => _pauseRequested && _record.Status == ExecutionStatus.Running ? ExecutionStatus.Paused : _record.Status;

    /// <summary>
    /// Re-opens an ended or paused execution at one step (<see cref="StepReopening.Reopen"/>), and the run with it: no
    /// error, no outputs, running again. Returns the steps it changed, for the caller to commit with the execution's new status.
    /// </summary>
    private List<StepRuntime> Reopen(StepRuntime step, bool retry)
    {
        List<StepRuntime> reset = [];
        Mutate(() =>
        {
            _startOnly = null; // a person goes on past the failure or the interrupted step
            reset = StepReopening.Reopen(_steps, step, retry, Now);
            _error = null;
            _startRejection = null;
            _visibleStatus = ExecutionStatus.Running;
            _outputs = Value.From(Array.Empty<KeyValuePair<string, Value>>());
            _record = _record with { EndedAt = null, ErrorCategory = null, ErrorMessage = null, OutputsJson = null };
        });
        return reset;
    }

    /// <summary>
    /// The <c>rollback</c> action on an ended execution: undoes its completed steps, newest first; finally does not run
    /// again, and the error it ended with stays. <paramref name="audit"/>, the request's entry, is committed with the
    /// <c>rolling_back</c> status (none when a process that takes the rollback over goes on with it).
    /// </summary>
    private async Task<ExecutionState> RollbackEndedAsync(HistoryWrite? audit)
    {
        var error = _error;
        return await (await RollbackAsync(_cancel.Token, audit).ConfigureAwait(false) switch
        {
            RollbackOutcome.Undone => EndAsync(ExecutionStatus.RolledBack, error, runFinally: false),
            RollbackOutcome.SomeFailed => EndAsync(ExecutionStatus.Failed, new StepError(error?.Category ?? ErrorCategory.Unknown, (error is null ? "" : error.Message + "; ") + "some rollbacks failed (see the log)"), runFinally: false),
            _ => EndAsync(ExecutionStatus.Cancelled, RollbackCancelled(error), runFinally: false),
        }).ConfigureAwait(false);
    }
}
