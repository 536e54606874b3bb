using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Engine.Execution;

/// <summary>Actions outside the DAG: a step's <c>verify</c> and <c>rollback</c> calls, and <c>finally</c>.</summary>
internal sealed partial class ExecutionRun
{
    /// <summary>A post-condition of a step's attempt; its failure fails the attempt (and so may be retried).</summary>
    private async Task VerifyAsync(StepRuntime step, Value output, ActionCallDefinition verify, int position, IExpressionScope scope, int? index, CancellationToken token)
    {
        // The step's own output is visible to its verify calls as steps.<id>.output.
        Mutate(() => step.Output = output);
        try
        {
            await RunCallAsync(verify, AttemptKind.Verify, $"{step.Id}.verify[{position}]", scope, index, retry: null, token).ConfigureAwait(false);
        }
        catch (ActionFailedException failure) when (!verify.ContinueOnError)
        {
            throw new ActionFailedException($"verify[{position}] ({verify.Action}) failed: {failure.Message}", failure)
            {
                Category = Categorize(failure),
                Output = output,
            };
        }
        catch (ActionFailedException failure)
        {
            _history.Log(step.Id, ExecutionLogLevel.Warning, $"verify[{position}] ({verify.Action}) failed, ignored (continue_on_error): {failure.Message}");
        }
    }

    /// <summary>
    /// Runs one call (its <c>when</c>, its arguments rendered now, its own timeout, and retries when
    /// <paramref name="retry"/> allows), its attempts numbered after those history holds of it (<see cref="CallAttempts"/>).
    /// Returns its output, or null when its <c>when</c> is false.
    /// </summary>
    private async Task<Value?> RunCallAsync(ActionCallDefinition call, AttemptKind kind, string recordId, IExpressionScope scope, int? index, RetrySettings? retry, CancellationToken token)
    {
        if (call.When is { } when && !RunTemplates.Holds(when, scope, "when"))
        {
            _history.Log(recordId, ExecutionLogLevel.Info, $"skipped: its when is false: {when.Node.Text}");
            return null;
        }

        RequireSecrets(UpstreamReferences.UnsetSecrets(call, _services.Secrets));
        var arguments = RunTemplates.Render(call.With, scope, "with");
        var handler = _services.Actions.Get(call.Action);
        var timeout = AttemptTimeout(call.Timeout, handler);
        if (_callAttempts.TakeInterrupted(kind, recordId, index) is { } interrupted)
        {
            // Its run goes on: the attempts that failed before the one in flight count against its retries (that one is made again).
            var counted = interrupted.FailedBefore == 0 ? "" : $"; its {interrupted.FailedBefore} failed attempts before it count against its retries";
            _history.Log(recordId, ExecutionLogLevel.Warning, $"{recordId} ({call.Action}) runs again after a takeover: its attempt {interrupted.Attempt} was running when its process died (recorded interrupted){counted}");
            retry = retry is null ? null : retry with { MaxAttempts = Math.Max(1, retry.MaxAttempts - interrupted.FailedBefore) };
        }

        var attempt = 0;
        var pipeline = retry is null ? Polly.ResiliencePipeline.Empty : RetryPipeline(retry, recordId, recorded: () => attempt);

        return await pipeline.ExecuteAsync(
            async ct =>
            {
                attempt = _callAttempts.Next(kind, recordId, index);
                return await RunAttemptAsync(
                    new AttemptCall(recordId, kind, index, attempt, handler, arguments, call.With, scope, timeout) { MayWaitForBreaker = retry?.MaxAttempts > 1 },
                    owner: null,
                    after: null,
                    ct).ConfigureAwait(false);
            },
            token).ConfigureAwait(false);
    }

    /// <summary>
    /// Undoes every completed step, newest first (a loop's iterations newest first too), running each
    /// step's rollback calls in order, until <paramref name="token"/> (a cancel) stops it. <paramref name="audit"/> is
    /// committed with the <c>rolling_back</c> status. A call that completed before the takeover of a rollback does not
    /// run again.
    /// </summary>
    private async Task<RollbackOutcome> RollbackAsync(CancellationToken token, HistoryWrite? audit = null)
    {
        await SetStatusAsync(ExecutionStatus.RollingBack, audit: audit).ConfigureAwait(false);
        List<StepRuntime> completed;
        lock (_lock)
        {
            completed = [.. _steps.Where(Undoable).OrderByDescending(s => s.CompletionOrder)];
        }

        var allUndone = true;
        foreach (var step in completed)
        {
            if (token.IsCancellationRequested)
            {
                return RollbackOutcome.Cancelled;
            }

            if (step.Definition.Rollback.Count == 0)
            {
                _history.Log(step.Id, ExecutionLogLevel.Info, "nothing to roll back: the step has no rollback");
                continue;
            }

            var undone = true;
            var retry = RetrySettings.Resolve(step.Definition.Retry, _playbook.Defaults.Retry);
            var restoredItems = RestoredLoopItems(step);
            foreach (var (item, index) in Enumerable.Reverse(step.CompletedIterations.ToList()))
            {
                var scope = ScopeFor(item ?? (index is { } at && at < restoredItems.Count ? restoredItems[at] : null), index);
                for (var i = 0; i < step.Definition.Rollback.Count && undone; i++)
                {
                    var call = step.Definition.Rollback[i];
                    var recordId = $"{step.Id}.rollback[{i}]";
                    if (_completedBeforeTakeover.Completed(AttemptKind.Rollback, recordId, index))
                    {
                        _history.Log(step.Id, ExecutionLogLevel.Info, $"rollback[{i}] ({call.Action}){(index is null ? "" : $" of iteration {index}")} completed before its process died: not run again");
                        continue;
                    }

                    try
                    {
                        await RunCallAsync(call, AttemptKind.Rollback, recordId, scope, index, retry, token).ConfigureAwait(false);
                    }
                    catch (ActionFailedException failure)
                    {
                        _history.Log(step.Id, ExecutionLogLevel.Error, $"rollback[{i}] ({call.Action}){(index is null ? "" : $" of iteration {index}")} failed: {failure.Message}");
                        undone = call.ContinueOnError;
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                        _history.Log(step.Id, ExecutionLogLevel.Warning, $"rollback[{i}] ({call.Action}){(index is null ? "" : $" of iteration {index}")} stopped: the rollback was cancelled");
                        return RollbackOutcome.Cancelled;
                    }
                }
            }

            if (undone)
            {
                Mutate(() => step.Status = StepStatus.RolledBack);
                await _history.SaveStepAsync(Snapshot(step), step.Position).ConfigureAwait(false);
            }
            else
            {
                allUndone = false;
            }
        }

        return allUndone ? RollbackOutcome.Undone : RollbackOutcome.SomeFailed;
    }

    /// <summary>The error of an execution whose rollback a cancel stopped: <paramref name="error"/>, and the steps it left as they were.</summary>
    private StepError RollbackCancelled(StepError? error)
    {
        List<string> left;
        lock (_lock)
        {
            left = [.. _steps.Where(step => Undoable(step) && step.Definition.Rollback.Count > 0).Select(step => step.Id)];
        }

        var message = "the rollback was cancelled by the caller" + (left.Count == 0 ? "" : $"; not rolled back: {string.Join(", ", left)}");
        return new StepError(error?.Category ?? ErrorCategory.Unknown, error is null ? message : $"{error.Message}; {message}");
    }

    /// <summary>A completed step, or a failed loop with iterations that completed (their work is done: a rollback undoes it).</summary>
    private static bool Undoable(StepRuntime step) =>
        step.Status == StepStatus.Completed || (step.Status == StepStatus.Failed && step.Definition.Foreach is not null && step.CompletedIterations.Count > 0);

    /// <summary>
    /// A loop restored from history knows which iterations completed, not their items: they are evaluated
    /// again from the same roots (empty when that fails; the rollback then sees no <c>item</c>).
    /// </summary>
    private List<Value> RestoredLoopItems(StepRuntime step)
    {
        if (step.Definition.Foreach is not { } loop || step.CompletedIterations.TrueForAll(c => c.Item is not null))
        {
            return [];
        }

        try
        {
            return LoopItems(loop);
        }
        catch (Actions.ActionFailedException)
        {
            return [];
        }
    }

    /// <summary>How each <c>finally</c> call ended, in order, once finally has run (in a dry run, their plans).</summary>
    private List<FinallyResult> _finallyResults = [];

    /// <summary>
    /// Runs every <c>finally</c> call in order, whatever happened; a failure is logged, the next call still runs,
    /// and the execution's status stays: the failure is reported in the state's finally results. A call that completed
    /// before the takeover of an execution that was ending does not run again.
    /// </summary>
    private async Task RunFinallyAsync()
    {
        var retry = RetrySettings.Resolve(null, _playbook.Defaults.Retry);
        var results = new List<FinallyResult>();
        for (var i = 0; i < _playbook.Finally.Count; i++)
        {
            var call = _playbook.Finally[i];
            var id = FinallyId(call, i);
            if (_completedBeforeTakeover.Completed(AttemptKind.Finally, id, null))
            {
                _history.Log(id, ExecutionLogLevel.Info, $"finally call {id} ({call.Action}) completed before its process died: not run again");
                results.Add(new FinallyResult { Id = id, Action = call.Action, Status = StepStatus.Completed });
                continue;
            }

            try
            {
                // Not the execution's token: finally runs after a cancel too, bounded by its own timeouts.
                var output = await RunCallAsync(call, AttemptKind.Finally, id, _scope, null, retry, CancellationToken.None).ConfigureAwait(false);
                if (output is null)
                {
                    // Skipped by its when: recorded as such, so the state read back from history shows it too.
                    await _history.SaveAttemptAsync(FinallyMark(id, call.Action, StepStatus.Skipped) with { EndedAt = Now }).ConfigureAwait(false);
                }

                results.Add(new FinallyResult { Id = id, Action = call.Action, Status = output is null ? StepStatus.Skipped : StepStatus.Completed });
            }
            catch (ActionFailedException failure)
            {
                _history.Log(id, ExecutionLogLevel.Error, $"finally call {id} ({call.Action}) failed: {failure.Message}");
                var error = new StepError(Categorize(failure), _history.Mask(failure.Message));
                results.Add(new FinallyResult { Id = id, Action = call.Action, Status = StepStatus.Failed, Error = error });
            }
        }

        lock (_lock)
        {
            _finallyResults = results;
        }
    }

    private static string FinallyId(ActionCallDefinition call, int position) => call.Id ?? $"finally[{position}]";

    /// <summary>A finally call's attempt 0: what history keeps of a call that ran no action (skipped by its when, or planned).</summary>
    private StepAttemptRecord FinallyMark(string id, string action, StepStatus status) => new()
    {
        ExecutionId = Id,
        StepId = id,
        Kind = AttemptKind.Finally,
        Attempt = 0,
        Action = action,
        Status = status,
        StartedAt = Now,
    };
}
