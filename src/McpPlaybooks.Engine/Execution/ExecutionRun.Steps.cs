using System.Runtime.ExceptionServices;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Engine.Execution;

/// <summary>One step: its condition, its gate, its loop, its timeout; never throws but for cancellation bugs.</summary>
internal sealed partial class ExecutionRun
{
    private async Task RunStepAsync(StepRuntime step, CancellationToken token)
    {
        await Task.Yield();
        var definition = step.Definition;
        Mutate(() => step.AttemptBase = step.Attempts);
        try
        {
            if (step.Status == StepStatus.WaitingApproval)
            {
                // Back at a gate people decided (or that expired): its condition was true when it was reached.
                if (!await ResolveGateAsync(step).ConfigureAwait(false))
                {
                    return;
                }
            }
            else
            {
                if (definition.When is { } when && !Holds(when, _scope, "when"))
                {
                    await SkipAsync(step, $"its when is false: {when.Node.Text}", blocked: false).ConfigureAwait(false);
                    return;
                }

                if (!GatePassed(step) && GateOf(step, _scope) is { } gate && !await OpenGateAsync(step, gate).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (definition.Action == "approval")
            {
                await CompleteAsync(step, Value.From([KeyValuePair.Create("decisions", Decisions(step))])).ConfigureAwait(false);
                return;
            }

            var items = definition.Foreach is { } loop ? LoopItems(loop) : null;
            if (items is not null)
            {
                // A loop is recorded running once, here; a single action is, in the commit of its first attempt.
                await MarkRunningAsync(step).ConfigureAwait(false);
            }

            using var stepTimeout = definition.StepTimeout is { } limit ? new CancellationTokenSource(limit, Time) : null;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, stepTimeout?.Token ?? CancellationToken.None);
            Value output;
            try
            {
                output = items is null
                    ? await RunIterationAsync(step, null, null, linked.Token).ConfigureAwait(false)
                    : await RunLoopAsync(step, items, definition.Foreach!.Concurrency, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stepTimeout?.IsCancellationRequested == true && !token.IsCancellationRequested)
            {
                throw new ActionFailedException($"step '{step.Id}' exceeded its step_timeout of {Durations.Format(definition.StepTimeout!.Value)}")
                {
                    Category = ErrorCategory.Timeout,
                };
            }

            await CompleteAsync(step, output).ConfigureAwait(false);
        }
        catch (ActionFailedException failure)
        {
            await FailAsync(step, Categorize(failure), failure.Message, failure.Output).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            await FinishCancelledAsync(step).ConfigureAwait(false);
        }
    }

    /// <summary>Evaluates a bare condition; an evaluation error fails the step with category validation.</summary>
    private bool Holds(BareExpression condition, IExpressionScope scope, string field)
    {
        try
        {
            return condition.Expression.Evaluate(scope).IsTruthy;
        }
        catch (ExpressionEvaluationException e)
        {
            throw new ActionFailedException($"its {field} '{condition.Node.Text}' (line {condition.Node.Location.Line}) cannot be evaluated: {e.Message}")
            {
                Category = ErrorCategory.Validation,
            };
        }
    }

    private List<Value> LoopItems(LoopDefinition loop)
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

    /// <summary>Runs a loop's iterations, <paramref name="concurrency"/> at a time; the first failure stops the rest.</summary>
    private async Task<Value> RunLoopAsync(StepRuntime step, List<Value> items, int concurrency, CancellationToken token)
    {
        var outputs = Enumerable.Repeat(Value.Null, items.Count).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        using var slots = new SemaphoreSlim(Math.Max(1, concurrency));
        Exception? first = null;
        var iterations = items.Select(async (item, index) =>
        {
            try
            {
                await slots.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (step.DoneIterations.TryGetValue(index, out var done))
                {
                    // Completed before a restart or a retry: never run twice.
                    outputs[index] = done;
                    Mutate(() =>
                    {
                        if (!step.CompletedIterations.Exists(c => c.Index == index))
                        {
                            step.CompletedIterations.Add((item, index));
                        }
                    });
                    return;
                }

                outputs[index] = await RunIterationAsync(step, item, index, stop.Token).ConfigureAwait(false);
                Mutate(() =>
                {
                    step.CompletedIterations.Add((item, index));
                    step.DoneIterations[index] = outputs[index];
                });
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the execution was cancelled, or another iteration failed and stopped this one
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    first ??= e is ActionFailedException failure
                        ? new ActionFailedException($"iteration {index} ({Shorten(item.ToDisplayString())}): {failure.Message}", failure) { Category = Categorize(failure), Output = failure.Output }
                        : e;
                }

                await stop.CancelAsync().ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(iterations).ConfigureAwait(false);
        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        token.ThrowIfCancellationRequested();
        return Value.From(outputs);
    }

    private async Task<Value> RunIterationAsync(StepRuntime step, Value? item, int? index, CancellationToken token)
    {
        var definition = step.Definition;
        var scope = ScopeFor(item, index);
        var arguments = Render(definition.With, scope, "with");
        var handler = _services.Actions.Get(definition.Action);

        var pipeline = RetryPipeline(RetrySettings.Resolve(definition.Retry, _playbook.Defaults.Retry), step.Id, index is null ? "" : $" of iteration {index}");
        var attempt = step.AttemptBase;
        var output = await pipeline.ExecuteAsync(
            async ct => await RunStepAttemptAsync(step, handler, arguments, scope, index, ++attempt, ct).ConfigureAwait(false),
            token).ConfigureAwait(false);
        if (item is null)
        {
            Mutate(() => step.CompletedIterations.Add((null, null)));
        }

        return output;
    }

    private IExpressionScope ScopeFor(Value? item, int? index)
    {
        if (item is null)
        {
            return _scope;
        }

        var loop = new ExpressionScope(_scope);
        loop.Add("item", item);
        loop.Add("index", Value.From(index ?? 0));
        return loop;
    }

    /// <summary>Renders a template at the moment it is needed; an evaluation error fails with category validation.</summary>
    private static Value Render(Definitions.Templates.ValueTemplate template, IExpressionScope scope, string field)
    {
        try
        {
            return template.Render(scope);
        }
        catch (ExpressionEvaluationException e)
        {
            throw new ActionFailedException($"its {field} cannot be rendered (line {template.Node.Location.Line}): {e.Message}")
            {
                Category = ErrorCategory.Validation,
            };
        }
    }

    /// <summary>The retry pipeline of a step or a call; each retry is logged under <paramref name="logId"/>.</summary>
    private Polly.ResiliencePipeline RetryPipeline(RetrySettings settings, string logId, string where = "") =>
        StepRetryPipeline.Create(settings, Categorize, Time, notice => _history.Log(logId, ExecutionLogLevel.Warning,
            $"attempt {notice.FailedAttempt}{where} failed ({EnumNames.ToName(notice.Category)}): {notice.Error.Message}; retrying in {Durations.Format(notice.Delay)}"));

    private ErrorCategory Categorize(Exception error) => ErrorCategorizer.Categorize(error, _playbook.Errors);

    // Cut never inside a secret: the message is masked after.
    private string Shorten(string text) => text.Length <= 80 ? text : _history.Masker.Head(text, 77) + "...";
}
