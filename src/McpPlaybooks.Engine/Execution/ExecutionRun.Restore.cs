using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Hosting;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Rebuilding a run from history (design §3, Durability): completed steps keep their outputs (as stored:
/// masked) and never run again; gates come back with their decisions; a step that was running when its
/// process died runs again only if it is idempotent, with the time it had left, else it is interrupted.
/// Then what the taking-over process asks of the run: a cancel or a pause recorded and not carried out, a rollback its
/// process died in, or an end when its secret inputs were lost.
/// </summary>
internal sealed partial class ExecutionRun
{
    private CompletedCalls _completedBeforeTakeover = CompletedCalls.None;

    private CallAttempts _callAttempts = CallAttempts.After([]);

    /// <summary>Restores the run's state from <paramref name="stored"/>; the roots are bound as at the start.</summary>
    public void Restore(RestoredExecution stored)
    {
        _record = stored.Record with { OwnerId = _services.OwnerId };
        if (_record.RunningSince is not null)
        {
            // The running stretch its process died in (the time down included) counts against the execution's timeout; a
            // new one begins with the takeover.
            var now = Now;
            _record = _record with { ActiveMs = ActiveMsAt(now), RunningSince = now };
        }

        _visibleStatus = stored.Record.Status;
        _callAttempts = CallAttempts.After(stored.Attempts);
        _history.CountStoredAttempts(stored.Attempts);
        _error = stored.Record.ErrorCategory is { } failure ? new StepError(failure, stored.Record.ErrorMessage ?? "") : null;
        var byStep = stored.Steps.ToDictionary(s => s.StepId, StringComparer.Ordinal);
        var attempts = StepAttempts(stored);
        var gates = stored.Approvals.ToDictionary(a => a.StepId, a => (Gate: StoredGates.FromRecord(a, stored.Decisions), Expired: a.Status == ApprovalStatus.Expired, Settled: a.Status != ApprovalStatus.Pending), StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var step in _steps)
            {
                if (!byStep.TryGetValue(step.Id, out var row))
                {
                    continue;
                }

                step.Status = row.Status;
                step.Attempts = row.Attempts;
                step.StartedAt = row.StartedAt;
                step.EndedAt = row.EndedAt;
                step.Output = Value.FromJsonText(row.OutputJson);
                step.Error = row.ErrorCategory is { } category ? new StepError(category, row.ErrorMessage ?? "") : null;
                step.Blocked = row.Blocked;
                if (gates.TryGetValue(step.Id, out var gate))
                {
                    step.Gate = gate.Gate with { MessageTemplate = GateMessage.TemplateOf(step.Definition, _history.Masker) };
                    step.GateExpired = gate.Expired;
                }

                foreach (var done in attempts[step.Id].Where(a => a.Iteration is not null && a.Status == StepStatus.Completed))
                {
                    step.DoneIterations[done.Iteration!.Value] = Value.FromJsonText(done.OutputJson);
                }

                if (step.Status == StepStatus.Completed || (step.Status == StepStatus.Failed && step.Definition.Foreach is not null))
                {
                    step.CompletedIterations.AddRange(step.Definition.Foreach is null
                        ? [(null, null)]
                        : step.DoneIterations.Keys.Order().Select(i => ((Value?)null, (int?)i)));
                }
            }

            var order = 0L;
            foreach (var step in _steps.Where(Undoable).OrderBy(s => s.EndedAt))
            {
                step.CompletionOrder = ++order;
            }

            _completions = order;
            if (gates.TryGetValue(ApprovalGates.StartGateId, out var start))
            {
                _startGate = start.Gate;
                _startGateExpired = start.Expired;
                _startGateSettled = start.Settled;
            }
        }

        _scope.Invalidate();
        TryBindRoots(out _);
    }

    /// <summary>
    /// After a process died: a call (verify, rollback, finally) recorded as running is marked interrupted (it runs again, as
    /// its next attempt, when its step or the rollback or end goes on); every step recorded as running is run again when
    /// idempotent (its in-flight attempt marked interrupted, its wait resumed with the time it had left, its run's failed
    /// attempts and time, from <paramref name="runs"/>, taken off its retries and its <c>step_timeout</c>), or else marked
    /// interrupted. Returns the ids of the steps run again and of those interrupted.
    /// </summary>
    public async Task<(List<string> Rerun, List<string> Interrupted)> RecoverInFlightAsync(RestoredExecution stored, RunsInFlight runs)
    {
        var rerun = new List<string>();
        var interrupted = new List<string>();
        var now = Now;
        var attempts = StepAttempts(stored);
        var localOwner = stored.Record.PreviousOwnerId is not { } previous || OwnerIdentity.IsOnThisHost(previous);

        await InterruptCallsInFlightAsync().ConfigureAwait(false);

        // Pending again since an earlier takeover, and not started since: its run goes on as it was.
        foreach (var step in _steps.Where(s => s.Status == StepStatus.Pending))
        {
            GoOnWith(step, runs.Of(step.Id));
        }

        foreach (var step in _steps.Where(s => s.Status == StepStatus.Running).ToList())
        {
            // A shell attempt's pid is committed with its end: one still running is found by its marker and recorded now.
            var inFlight = attempts[step.Id].Where(a => a.Status == StepStatus.Running).Select(SurvivingProcess.WithFound).ToList();
            foreach (var attempt in inFlight)
            {
                await _history.SaveAttemptAsync(InterruptedAt(attempt, now)).ConfigureAwait(false);
            }

            // A recorded pid is looked up only when the owner it was taken from ran on this host; a marker is searched here always.
            var survivor = SurvivingProcess.Find(localOwner ? inFlight : inFlight.Select(a => SurvivingProcess.WithFound(a with { ProcessId = null, ProcessStarted = null })));
            var idempotent = StepIdempotency.IsIdempotent(step.Definition, _services.Actions.Get(step.Definition.Action).Descriptor);
            if (idempotent)
            {
                var started = inFlight.Count == 1 && step.Definition.Foreach is null ? inFlight[0].StartedAt : (DateTimeOffset?)null;
                var run = runs.Of(step.Id);
                // Failures of iterations that completed since are not this run's to count any more.
                var failed = run?.Failed.Where(entry => !step.DoneIterations.ContainsKey(entry.Key)).Sum(entry => entry.Value.Count) ?? 0;
                Mutate(() =>
                {
                    step.Status = StepStatus.Pending;
                    step.ResumedElapsed = started is { } at && now > at ? now - at : TimeSpan.Zero;
                });
                GoOnWith(step, run);
                _history.Log(step.Id, ExecutionLogLevel.Warning, "resumed after its process died: it is idempotent, so it runs again" + (step.DoneIterations.Count > 0 ? $" (its {step.DoneIterations.Count} completed iterations are kept)" : "")
                    + (failed == 0 ? "" : $"; the {failed} attempt(s) that failed before count against its retries")
                    + (survivor is null ? "" : $"; its earlier process {survivor.Pid} is still running"));
                rerun.Add(step.Id);
            }
            else
            {
                var still = survivor is null ? "" : "; " + SurvivingProcess.Note(survivor);

                // No attempt in flight: it was between two (waiting to retry, or between a loop's iterations), each recorded.
                var when = inFlight.Count == 0 ? "between two of its attempts (none was running; each one's end is recorded)" : "while it ran";
                Mutate(() =>
                {
                    step.Status = StepStatus.Interrupted;
                    step.EndedAt = now;
                    step.Error = new StepError(ErrorCategory.Unknown, $"interrupted: its process died {when}, and it is not idempotent, so it was not run again. Check what it did, then retry_step or skip_step it" + still);
                    step.SurvivingProcess = survivor;
                });
                _history.Log(step.Id, ExecutionLogLevel.Error, $"interrupted: its process died {when}; not idempotent, so not run again" + still);
                interrupted.Add(step.Id);
            }

            await _history.SaveStepAsync(Snapshot(step), step.Position).ConfigureAwait(false);
        }

        return (rerun, interrupted);
    }

    /// <summary>
    /// The verify, rollback and finally calls in flight when its process died keep their attempts, interrupted; one that runs
    /// again makes the next attempt (<see cref="CallAttempts"/>).
    /// </summary>
    private async Task InterruptCallsInFlightAsync()
    {
        var now = Now;
        foreach (var call in _callAttempts.TakeInFlight())
        {
            await _history.SaveAttemptAsync(InterruptedAt(call, now)).ConfigureAwait(false);
        }
    }

    /// <summary><paramref name="attempt"/>, in flight when its process died, as history keeps it from <paramref name="now"/>.</summary>
    private static StepAttemptRecord InterruptedAt(StepAttemptRecord attempt, DateTimeOffset now) => attempt with
    {
        Status = StepStatus.Interrupted,
        EndedAt = now,
        ErrorCategory = ErrorCategory.Unknown,
        ErrorMessage = "interrupted: the process running it died",
    };

    /// <summary>Gives <paramref name="step"/>, to run again, what its run before the takeover had spent of its retries and its step_timeout.</summary>
    private void GoOnWith(StepRuntime step, StepRunBefore? run)
    {
        if (run is null)
        {
            return;
        }

        Mutate(() =>
        {
            step.SpentBeforeTakeover = run.Spent;
            foreach (var (iteration, failures) in run.Failed)
            {
                step.FailedBeforeTakeover[iteration] = failures;
            }
        });
    }

    /// <summary>The attempts of steps proper (not verify, rollback or finally calls), by step.</summary>
    private static ILookup<string, StepAttemptRecord> StepAttempts(RestoredExecution stored) =>
        stored.Attempts.Where(a => a.Kind == AttemptKind.Step).ToLookup(a => a.StepId, StringComparer.Ordinal);

    /// <summary>
    /// Carries out a cancel that the audit records and that did not end the execution: its process died first (the request is
    /// committed before the drive acts on it). Without this the execution went on, or waited at its gate for a decision,
    /// as if nobody had cancelled it. A rollback it was asked of goes on cancelled, so it stops before its next step, as
    /// a cancel stops it in its own process.
    /// </summary>
    public Task<ExecutionState> CancelAtTakeoverAsync()
    {
        _history.Log(null, ExecutionLogLevel.Warning, "cancelled before its process died: the cancel is carried out now");
        if (_record.Status != ExecutionStatus.RollingBack)
        {
            return CancelNowAsync();
        }

        RequestCancel();
        return ResumeRollback();
    }

    /// <summary>Asks again a pause that the audit records and that did not take effect: its process died first. The drive starts no step and parks paused.</summary>
    public void PauseAtTakeover()
    {
        _history.Log(null, ExecutionLogLevel.Warning, "paused before its process died: no new step starts until resume");
        RequestPause();
    }

    /// <summary>
    /// The drive starts no step but <paramref name="rerun"/>, those that were running when its process died and run again,
    /// <paramref name="because"/>: a step had failed and the playbook stops on a failure (<see cref="FailureStop"/>), or a
    /// step was interrupted, whose effect is unknown (the execution then waits, paused, for a person).
    /// </summary>
    public void StartOnlyAtTakeover(IReadOnlyCollection<string> rerun, string because)
    {
        _history.Log(null, ExecutionLogLevel.Warning, $"{because}: no new step starts"
            + (rerun.Count == 0 ? "" : $"; only the steps that were running then run again ({string.Join(", ", rerun)})"));
        lock (_lock)
        {
            _startOnly = [.. rerun];
        }
    }

    /// <summary>
    /// The rollback and finally calls that completed before its process died: the rollback or the end that this process
    /// finishes does not run them again. Given before the run is driven; forgotten once it has ended.
    /// </summary>
    public void SkipCompleted(CompletedCalls calls) => _completedBeforeTakeover = calls;

    /// <summary>Ends an execution that cannot go on in this process (its secret inputs were not stored); finally runs (a call in flight as its next attempt).</summary>
    public Task<ExecutionState> FailAtTakeoverAsync(StepError error) => StartDrive(async () =>
    {
        await InterruptCallsInFlightAsync().ConfigureAwait(false);
        return await EndAsync(ExecutionStatus.Failed, error, runFinally: true).ConfigureAwait(false);
    });

    /// <summary>
    /// Goes on with a rollback its process died in: the steps not rolled back yet are undone (but for the calls that
    /// completed before it died: <see cref="SkipCompleted"/>). A rollback a person asked of an ended execution (its
    /// end is recorded) ends as that action does: finally, which ran when it ended, does not run again, and its error
    /// stays. One its failure started ends as the failure would have: finally runs.
    /// </summary>
    public Task<ExecutionState> ResumeRollback() =>
        _record.EndedAt is null ? StartDrive(FinishFailureRollbackAsync) : StartDrive(() => RollbackEndedAsync(audit: null));

    private async Task<ExecutionState> FinishFailureRollbackAsync()
    {
        const string Died = "the execution failed and was rolling back when its process died";
        return await (await RollbackAsync(_cancel.Token).ConfigureAwait(false) switch
        {
            RollbackOutcome.Cancelled => EndAsync(ExecutionStatus.Cancelled, RollbackCancelled(new StepError(ErrorCategory.Unknown, Died)), runFinally: true),
            var outcome => EndAsync(
                outcome == RollbackOutcome.Undone ? ExecutionStatus.RolledBack : ExecutionStatus.Failed,
                new StepError(ErrorCategory.Unknown, Died + "; the rollback was finished by another process"),
                runFinally: true),
        }).ConfigureAwait(false);
    }
}
