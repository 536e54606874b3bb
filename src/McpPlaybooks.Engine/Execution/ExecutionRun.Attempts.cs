using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// One attempt of an action: recorded as running before it starts, limited by its timeout, passed
/// through its target's circuit breaker, recorded with its outcome.
/// </summary>
internal sealed partial class ExecutionRun
{
    private async Task<Value> RunStepAttemptAsync(StepRuntime step, IActionHandler handler, Value arguments, IExpressionScope scope, int? index, int attempt, Action<Exception>? failing, CancellationToken token)
    {
        var definition = step.Definition;
        var elapsed = TimeSpan.Zero;
        Mutate(() =>
        {
            step.Attempts++;
            step.Status = StepStatus.Running;
            step.StartedAt ??= Now;
            elapsed = step.ResumedElapsed;
            step.ResumedElapsed = TimeSpan.Zero;
        });
        var timeout = AttemptTimeout(definition.Timeout, handler);
        var call = new AttemptCall(step.Id, AttemptKind.Step, index, attempt, handler, arguments, definition.With, scope, timeout)
        {
            Elapsed = elapsed,
            Failing = failing,
            Breaker = definition.Breaker,
            Deadline = step.Deadline,
            MayWaitForBreaker = RetrySettings.Resolve(definition.Retry, _playbook.Defaults.Retry).MaxAttempts > 1,
        };
        return await RunAttemptAsync(call, step, async (output, ct) =>
        {
            for (var i = 0; i < definition.Verify.Count; i++)
            {
                await VerifyAsync(step, output, definition.Verify[i], i, scope, index, ct).ConfigureAwait(false);
            }
        }, token).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the attempt as running (with its step's state when <paramref name="owner"/> is given), runs the
    /// action and then <paramref name="after"/> (a step's verify calls), and records the outcome.
    /// </summary>
    private async Task<Value> RunAttemptAsync(AttemptCall call, StepRuntime? owner, Func<Value, CancellationToken, Task>? after, CancellationToken token)
    {
        // From the masked arguments: the target is stored and shown (metrics, insights) after normalising (digits become
        // '#', paths their file name), which leaves a secret in it unrecognisable to the masker.
        var target = call.Breaker?.Key ?? TargetOf(call.Handler, _history.Mask(call.Arguments));
        var record = new StepAttemptRecord
        {
            ExecutionId = Id,
            StepId = call.RecordId,
            Kind = call.Kind,
            Iteration = call.Iteration,
            Attempt = call.Attempt,
            Action = call.Handler.Descriptor.Name,
            Target = target is null ? null : _history.Mask(target),
            Status = StepStatus.Running,
            StartedAt = Now,
        };
        var single = owner is not null && call.Iteration is null && owner.Definition.Foreach is null;
        if (owner is null)
        {
            await _history.SaveAttemptAsync(record).ConfigureAwait(false);
        }
        else if (!(single && call.Handler.Descriptor.IsPure))
        {
            await _history.SaveStepAsync(Snapshot(owner), owner.Position, record).ConfigureAwait(false);
        }

        // A process the action starts is kept with the attempt and committed with its end: no commit while it runs. A takeover
        // finds it by its marker, derived from the attempt committed above, before it started.
        Task Started(StartedProcess process)
        {
            record = record with { ProcessId = process.Pid, ProcessStarted = process.StartTicks };
            return Task.CompletedTask;
        }

        try
        {
            var output = await InvokeAsync(call, target, Started, AttemptMarker.Of(record), token).ConfigureAwait(false);
            if (after is not null)
            {
                await after(output, token).ConfigureAwait(false);
            }

            var completed = record with { Status = StepStatus.Completed, EndedAt = Now, OutputJson = _history.AttemptJson(record.StepId, output) };
            if (single)
            {
                // Committed with the step's completion: one commit fewer per step.
                Mutate(() => owner!.PendingAttempt = completed);
            }
            else
            {
                await _history.SaveAttemptAsync(completed).ConfigureAwait(false);
            }

            return output;
        }
        catch (ActionFailedException failure)
        {
            call.Failing?.Invoke(failure);
            await RecordFailedAttemptAsync(record, failure).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            if (call.Deadline is { Passed: true } deadline)
            {
                // The step's step_timeout stopped it: a failed attempt, as its own timeout would have made it. The step ends
                // with the same failure (RunStepAsync); only the record of the attempt is told here.
                await RecordFailedAttemptAsync(record, deadline.Failure()).ConfigureAwait(false);
            }
            else
            {
                await _history.SaveAttemptAsync(record with { Status = StepStatus.Cancelled, EndedAt = Now }).ConfigureAwait(false);
            }

            throw;
        }
        catch (Exception e)
        {
            // An exception no action should throw (a bug, or a cancellation the engine did not ask for):
            // still an attempt that failed, classified and recorded, never an escape from the run.
            var failure = new ActionFailedException($"{call.Handler.Descriptor.Name} failed unexpectedly: {e.GetType().Name}: {e.Message}", e) { Target = target };
            call.Failing?.Invoke(failure);
            await RecordFailedAttemptAsync(record, failure).ConfigureAwait(false);
            throw failure;
        }
    }

    /// <summary>The attempt's timeout (<see cref="AttemptLimits"/>).</summary>
    private TimeSpan AttemptTimeout(TimeSpan? own, IActionHandler handler) =>
        AttemptLimits.Of(own, handler.Descriptor.Name, _playbook.Defaults.Timeout, _services.Options.DefaultAttemptTimeout);

    private async Task RecordFailedAttemptAsync(StepAttemptRecord record, ActionFailedException failure)
    {
        await _history.SaveAttemptAsync(record with
        {
            Status = StepStatus.Failed,
            EndedAt = Now,
            ErrorCategory = Categorize(failure),
            ErrorMessage = _history.Mask(failure.Message),
            OutputJson = _history.AttemptJson(record.StepId, failure.Output),
            StoppedByTimeout = failure.StoppedByTimeout,
            RefusedByBreaker = failure.RefusedByBreaker,
        }).ConfigureAwait(false);
    }

    /// <summary>Runs the action with the attempt's timeout, through its target's breaker; a timeout becomes a failure of category timeout.</summary>
    private async Task<Value> InvokeAsync(AttemptCall call, string? target, Func<StartedProcess, Task> started, string marker, CancellationToken token)
    {
        // An attempt resumed after a restart has only the time it had left (a wait goes on where it was).
        var left = call.Timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : call.Timeout - call.Elapsed;
        using var timeout = new CancellationTokenSource(left > TimeSpan.Zero || left == Timeout.InfiniteTimeSpan ? left : TimeSpan.FromMilliseconds(1), Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
        var invocation = new ActionInvocation
        {
            ExecutionId = Id,
            StepId = call.RecordId,
            Iteration = call.Iteration,
            Attempt = call.Attempt,
            Arguments = call.Arguments,
            With = call.With,
            Scope = call.Scope,
            Timeout = call.Timeout,
            Elapsed = call.Elapsed,
            Log = _history.For(call.RecordId),
            ProcessStarted = started,
            ProcessMarker = marker,
            Masker = _history.Masker,
        };

        async Task<Value> Run(CancellationToken ct)
        {
            try
            {
                return await call.Handler.RunAsync(invocation, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !token.IsCancellationRequested)
            {
                throw new ActionFailedException(AttemptTimeouts.Message(call.Handler.Descriptor.Name, call.Timeout))
                {
                    Category = ErrorCategory.Timeout,
                    Target = target,
                    StoppedByTimeout = call.Timeout,
                };
            }
        }

        if (target is null || call.Breaker?.Enabled == false)
        {
            return await Run(linked.Token).ConfigureAwait(false);
        }

        var breakerCall = new BreakerCall(target)
        {
            Sequence = $"{Id}/{call.RecordId}/{call.Iteration}",
            MayWait = call.MayWaitForBreaker,
            Deadline = left == Timeout.InfiniteTimeSpan ? null : Now + left,
            OnWait = async notice =>
            {
                _history.Log(call.RecordId, ExecutionLogLevel.Info, notice);
                await _history.WriteAsync([]).ConfigureAwait(false);
            },
        };
        return await _services.Breakers.ExecuteAsync(breakerCall, Run, Categorize, linked.Token).ConfigureAwait(false);
    }

    private static string? TargetOf(IActionHandler handler, Value arguments)
    {
        try
        {
            return handler.TargetOf(arguments);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    /// <summary>What one attempt runs, and under which record key.</summary>
    private sealed record AttemptCall(
        string RecordId,
        AttemptKind Kind,
        int? Iteration,
        int Attempt,
        IActionHandler Handler,
        Value Arguments,
        ObjectTemplate With,
        IExpressionScope Scope,
        TimeSpan Timeout)
    {
        /// <summary>How long this attempt had already run before a restart.</summary>
        public TimeSpan Elapsed { get; init; }

        /// <summary>Told of the attempt's failure before it is recorded (a loop stops starting iterations).</summary>
        public Action<Exception>? Failing { get; init; }

        /// <summary>The step's <c>step_timeout</c>, which tells a cancelled attempt whether it stopped it (a step's attempt only).</summary>
        public StepDeadline? Deadline { get; init; }

        /// <summary>The step's own say over its breaker (a key, or none).</summary>
        public BreakerDefinition? Breaker { get; init; }

        /// <summary>Whether the attempt may wait for an open breaker's half-open moment (its step or call has retries).</summary>
        public bool MayWaitForBreaker { get; init; }
    }
}
