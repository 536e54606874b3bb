using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Child executions (the <c>playbook</c> action): started linked to the parent (by <paramref name="start"/>), at most 5 deep,
/// waited for without a thread, and cancelled with the parent step (by <paramref name="control"/>); a parent step resumed
/// after a restart attaches to the child it had started (or takes its outcome when it ended) instead of starting another.
/// </summary>
internal sealed class ChildRuns(
    HistoryStore history,
    EngineServices services,
    HeldRuns runs,
    ObserverHub observers,
    Func<ExecutionRequest, CancellationToken, Task<ExecutionStart>> start,
    Func<ControlRequest, CancellationToken, Task<ExecutionState>> control,
    Func<string, CancellationToken, Task<ExecutionState?>> storedState)
{
    public async Task<Value> RunAsync(ActionInvocation invocation, string playbookId, string? version, Value inputs, CancellationToken cancellationToken)
    {
        if (!runs.TryGet(invocation.ExecutionId, out var parent))
        {
            throw new ActionFailedException($"playbook: the parent execution {invocation.ExecutionId} is not run by this process") { Category = ErrorCategory.Configuration };
        }

        var depth = parent.Request.Depth + 1;
        if (depth > PlaybookAction.MaxDepth)
        {
            var chain = await ChildChain.DescribeAsync(history, parent, invocation.StepId, cancellationToken).ConfigureAwait(false);
            throw new ActionFailedException(PlaybookAction.TooDeep(playbookId, depth, chain)!) { Category = ErrorCategory.Configuration };
        }

        var attempt = StepAttempt.Of(invocation);
        var key = new ChildKey(parent.Id, attempt);
        var earlier = (await history.ListChildrenAsync(parent.Id, cancellationToken).ConfigureAwait(false))
            .Where(c => key.IsOfThisStep(c.IdempotencyKey))
            .OrderByDescending(c => key.Sequence(c.IdempotencyKey))
            .ToList();
        string childId;
        if (earlier.FirstOrDefault() is { } last && await AttachesToAsync(parent.Id, key, last, cancellationToken).ConfigureAwait(false))
        {
            childId = last.Id;
            invocation.Log.Write(ExecutionLogLevel.Info, $"attached to child execution {childId} ({last.PlaybookId}), started before a restart");
        }
        else
        {
            childId = await StartChildAsync(parent, invocation, playbookId, version, inputs, depth, key.Next(earlier.Count), cancellationToken).ConfigureAwait(false);
        }

        // Which child the step waits for is in the parent's log now, not at its next commit, which may be hours away.
        await parent.CommitHeldAsync().ConfigureAwait(false);

        ExecutionState final;
        try
        {
            var shown = observers.Add(childId, new ChildShower(parent, invocation.StepId, invocation.Iteration));
            try
            {
                final = await WaitFinishedAsync(childId, state => parent.ShowChild(invocation.StepId, invocation.Iteration, state), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Its gates leave the parent's pending approvals however the wait ends: a cancelled parent showed them still.
                shown.Dispose();
                parent.ForgetChild(invocation.StepId, invocation.Iteration);
            }
        }
        catch (OperationCanceledException)
        {
            // The parent step was cancelled (or timed out): the child goes with it.
            try
            {
                await control(new ControlRequest { ExecutionId = childId, Action = ControlAction.Cancel, RequestedBy = $"execution:{parent.Id}", Comment = "its parent step was cancelled" }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ExecutionRefusedException)
            {
                // it had ended already
            }

            throw;
        }

        var output = Value.From(
        [
            KeyValuePair.Create("execution_id", Value.From(childId)),
            KeyValuePair.Create("status", Value.From(EnumNames.ToName(final.Status))),
            KeyValuePair.Create("outputs", final.Outputs),
        ]);
        if (final.Status == ExecutionStatus.Completed)
        {
            return output;
        }

        throw new ActionFailedException(ChildFailure.Message(childId, playbookId, final.Status, final.Error))
        {
            Category = final.Error?.Category ?? ErrorCategory.Dependency,
            Output = output,
        };
    }

    /// <summary>
    /// Whether the parent step's attempt takes <paramref name="child"/>, the step's latest, as its own: while the child has
    /// not failed, been cancelled or rolled back; and after, unless the attempt that started it, or one that took it over,
    /// ended with that outcome (a retry, by policy or by a person, starts another child). An attempt that takes over from
    /// one whose process died before it ended takes the child's outcome rather than running the child playbook again.
    /// </summary>
    private async Task<bool> AttachesToAsync(string parentId, ChildKey key, ExecutionRecord child, CancellationToken cancellationToken)
    {
        if (child.Status is not (ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.RolledBack))
        {
            return true;
        }

        if (key.StartedBy(child.IdempotencyKey) is not { } startedBy)
        {
            return false;
        }

        return startedBy == key.Attempt.Attempt
            || !key.Attempt.EndedSince(await history.GetAttemptsAsync(parentId, cancellationToken).ConfigureAwait(false), startedBy);
    }

    private async Task<string> StartChildAsync(ExecutionRun parent, ActionInvocation invocation, string playbookId, string? version, Value inputs, int depth, string key, CancellationToken cancellationToken)
    {
        var resolved = services.Playbooks.Resolve(playbookId, version, out var problem)
            ?? throw new ActionFailedException($"playbook: {problem}") { Category = ErrorCategory.Configuration };
        var binding = InputBinder.Bind(resolved.Definition, inputs.AsObject().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        if (!binding.IsValid)
        {
            throw new ActionFailedException($"playbook: the inputs of '{playbookId}' do not fit: {string.Join("; ", binding.Problems)}") { Category = ErrorCategory.Validation };
        }

        try
        {
            var started = await start(new ExecutionRequest
            {
                Playbook = resolved.Definition,
                Content = resolved.Content,
                Source = resolved.Source,
                Inputs = binding.Values,
                Incident = parent.Request.Incident,
                AutoApprove = parent.Request.AutoApprove,
                AutoApprover = parent.Request.AutoApprover,
                StartedBy = parent.Request.StartedBy,
                ParentExecutionId = parent.Id,
                Depth = depth,
                IdempotencyKey = key,
            }, cancellationToken).ConfigureAwait(false);
            invocation.Log.Write(ExecutionLogLevel.Info, $"started child execution {started.ExecutionId} of {resolved.Definition.Id} {resolved.Definition.Version}");
            return started.ExecutionId;
        }
        catch (ExecutionRefusedException refusal)
        {
            throw new ActionFailedException($"playbook: the child '{playbookId}' was refused: {refusal.Message}") { Category = ErrorCategory.Configuration };
        }
    }

    /// <summary>Waits until the execution has a final status (parks do not count): by its changes when it runs here, else by polling history.</summary>
    private async Task<ExecutionState> WaitFinishedAsync(string executionId, Action<ExecutionState> seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (observers.Add(executionId, new EndWatcher(ended)))
            {
                var state = runs.TryGet(executionId, out var run)
                    ? run.CurrentState
                    : await storedState(executionId, cancellationToken).ConfigureAwait(false) ?? throw ExecutionHost.Unknown(executionId);
                if (state.Status.IsFinal() && (run is null || !run.IsDriving))
                {
                    return state;
                }

                seen(state);

                await Task.WhenAny(ended.Task, Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Mirrors the child's state into the parent step that waits for it.</summary>
    private sealed class ChildShower(ExecutionRun parent, string stepId, int? iteration) : IExecutionObserver
    {
        public void ExecutionChanged(ExecutionState state) => parent.ShowChild(stepId, iteration, state);
    }

    private sealed class EndWatcher(TaskCompletionSource ended) : IExecutionObserver
    {
        public void ExecutionChanged(ExecutionState state)
        {
            if (state.Status.IsFinal())
            {
                ended.TrySetResult();
            }
        }
    }
}
