using System.Runtime.ExceptionServices;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Hosting;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Engine.Execution;

/// <summary>A step's <c>foreach</c>: its items, and its iterations run a few at a time; and one run of a step's action through its retries.</summary>
internal sealed partial class ExecutionRun
{
    internal List<Value> LoopItems(LoopDefinition loop)
    {
        Value items;
        try
        {
            items = loop.Expression is { } expression ? expression.Expression.Evaluate(_scope) : loop.Items!.Render(_scope);
        }
        catch (ExpressionEvaluationException e)
        {
            throw new ActionFailedException($"its foreach cannot be evaluated: {e.Message}") { Category = ErrorCategory.Validation };
        }

        if (items.Kind != ValueKind.List)
        {
            throw new ActionFailedException($"its foreach must give a list, but gave {items.Kind.ToString().ToLowerInvariant()} {_history.Mask(Shorten(items.ToDisplayString()))}")
            {
                Category = ErrorCategory.Validation,
            };
        }

        var list = items.AsList();
        if (list.Count > LoopDefinition.MaxIterations)
        {
            throw new ActionFailedException($"its foreach gives {list.Count} items, over the hard cap of {LoopDefinition.MaxIterations} iterations; split the work or narrow the list")
            {
                Category = ErrorCategory.Validation,
            };
        }

        if (_playbook.Safety.BlastRadius is { } radius && list.Count > radius)
        {
            throw new ActionFailedException($"its foreach would touch {list.Count} targets, over the playbook's blast_radius of {radius}; nothing was run. Narrow the list, or raise safety.blast_radius after review")
            {
                Category = ErrorCategory.Validation,
            };
        }

        return [.. list];
    }

    /// <summary>
    /// Runs a loop's iterations, <paramref name="concurrency"/> at a time. Once an iteration has failed for good (its
    /// retries spent), no new iteration starts; those already running finish and keep their real outcome, so a
    /// rollback undoes the ones that completed. Only the execution's token (cancel, timeouts) stops a running one. The
    /// outputs kept are bounded together (<see cref="LoopOutputBudget"/>).
    /// </summary>
    private async Task<Value> RunLoopAsync(StepRuntime step, List<Value> items, int concurrency, CancellationToken token)
    {
        var outputs = Enumerable.Repeat(Value.Null, items.Count).ToArray();
        var budget = new LoopOutputBudget();
        lock (_lock)
        {
            step.Iterations = (0, items.Count, Math.Max(1, concurrency));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        using var slots = new SemaphoreSlim(Math.Max(1, concurrency));
        var gate = new Lock();
        var stopped = false;
        Exception? first = null;
        void StopStarting(int index)
        {
            lock (gate)
            {
                if (stopped)
                {
                    return;
                }

                stopped = true;
                stop.Cancel();
            }

            _history.Log(step.Id, ExecutionLogLevel.Warning, $"iteration {index} failed: no new iteration starts; those already running finish");
        }

        var iterations = items.Select(async (item, index) =>
        {
            try
            {
                await slots.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Count(step, running: 0, notStarted: -1);
                return;
            }

            var running = false;
            try
            {
                lock (gate)
                {
                    if (stopped)
                    {
                        Count(step, running: 0, notStarted: -1);
                        return;
                    }
                }

                running = !step.DoneIterations.ContainsKey(index);
                Count(step, running: running ? 1 : 0, notStarted: -1);
                if (step.DoneIterations.TryGetValue(index, out var done))
                {
                    // Completed before a restart or a retry: never run twice.
                    outputs[index] = budget.Keep(index, done);
                    Mutate(() =>
                    {
                        if (!step.CompletedIterations.Exists(c => c.Index == index))
                        {
                            step.CompletedIterations.Add((item, index));
                        }
                    });
                    return;
                }

                outputs[index] = budget.Keep(index, await RunIterationAsync(step, item, index, token, () => StopStarting(index)).ConfigureAwait(false));
                Mutate(() =>
                {
                    step.CompletedIterations.Add((item, index));
                    step.DoneIterations[index] = outputs[index];
                });
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // the execution was cancelled, or the step or the execution timed out
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    first ??= e is ActionFailedException failure
                        ? new ActionFailedException($"iteration {index} ({Shorten(item.ToDisplayString())}): {failure.Message}", failure) { Category = Categorize(failure), Output = failure.Output }
                        : e;
                }

                StopStarting(index);
            }
            finally
            {
                if (running)
                {
                    Count(step, running: -1, notStarted: 0);
                }

                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(iterations).ConfigureAwait(false);
        if (budget.Dropped > 0)
        {
            _history.Log(step.Id, ExecutionLogLevel.Warning, budget.Warning(items.Count));
        }

        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        token.ThrowIfCancellationRequested();
        return LoopOutputBudget.Combined(outputs);
    }

    /// <summary>Adds to the loop's counts of iterations running and not started (<see cref="StepRuntime.Iterations"/>).</summary>
    private void Count(StepRuntime step, int running, int notStarted)
    {
        lock (_lock)
        {
            var now = step.Iterations;
            step.Iterations = (now.Running + running, now.NotStarted + notStarted, now.Concurrency);
        }
    }

    /// <summary>
    /// Runs one iteration (or a step outside a loop) through its retries. <paramref name="failedForGood"/> is called the
    /// moment an attempt fails with no retry to come, before that failure is recorded.
    /// </summary>
    private async Task<Value> RunIterationAsync(StepRuntime step, Value? item, int? index, CancellationToken token, Action? failedForGood = null)
    {
        var definition = step.Definition;
        var scope = ScopeFor(item, index);
        var arguments = RunTemplates.Render(definition.With, scope, "with");
        var handler = _services.Actions.Get(definition.Action);

        var settings = RetrySettings.Resolve(definition.Retry, _playbook.Defaults.Retry);
        Failures? failures = null;
        Mutate(() => step.FailedBeforeTakeover.Remove(RunsInFlight.Key(index), out failures));
        var failedBefore = failures?.Count ?? 0;
        if (failures is not null && failedBefore >= settings.MaxAttempts)
        {
            // Taken over after its last attempt failed and before the step's end was recorded: it has failed.
            failedForGood?.Invoke();
            throw new ActionFailedException($"{failures.Last.Message} (its {failedBefore} attempts had failed when its process died)") { Category = failures.Last.Category };
        }

        if (failedBefore > 0)
        {
            // Taken over: the attempts that failed before the process died are part of this budget (the one in flight is made again).
            settings = settings with { MaxAttempts = settings.MaxAttempts - failedBefore };
        }

        var attempt = step.AttemptBase;
        var pipeline = RetryPipeline(settings, step.Id, index is null ? "" : $" of iteration {index}", () => attempt);
        var before = attempt;
        Action<Exception>? failing = failedForGood is null
            ? null
            : error =>
            {
                if (!StepRetryPipeline.WillRetry(settings, Categorize, error, attempt - before, token))
                {
                    failedForGood();
                }
            };
        var output = await pipeline.ExecuteAsync(
            async ct => await RunStepAttemptAsync(step, handler, arguments, scope, index, ++attempt, failing, ct).ConfigureAwait(false),
            token).ConfigureAwait(false);
        if (item is null)
        {
            Mutate(() => step.CompletedIterations.Add((null, null)));
        }

        return output;
    }
}
