using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Engine.Execution;

/// <summary>One step: its condition, its gate, its loop, its timeout; never throws but for cancellation bugs.</summary>
internal sealed partial class ExecutionRun
{
    private async Task RunStepAsync(StepRuntime step, bool inline, CancellationToken token)
    {
        if (!inline)
        {
            await Task.Yield();
        }

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

                // The process that took the run over may not have the secrets the one that reached the gate had.
                RequireSecrets(UpstreamReferences.UnsetSecrets(definition, _services.Secrets));
            }
            else
            {
                if (definition.When is { } when && !RunTemplates.Holds(when, _scope, "when"))
                {
                    await SkipAsync(step, $"its when is false: {when.Node.Text}", blocked: false).ConfigureAwait(false);
                    return;
                }

                // Before the gate: nobody is asked to approve a step that cannot run.
                RequireSecrets(UpstreamReferences.UnsetSecrets(definition, _services.Secrets));
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

            // Taken over: the step's run goes on with the time its step_timeout had left.
            TimeSpan? spent = null;
            Mutate(() => (spent, step.SpentBeforeTakeover) = (step.SpentBeforeTakeover, null));
            var left = definition.StepTimeout - (spent ?? TimeSpan.Zero);
            if (left <= TimeSpan.Zero)
            {
                throw new ActionFailedException(StepTimedOut(step, CountedBeforeTakeover)) { Category = ErrorCategory.Timeout };
            }

            using var stepTimeout = left is { } limit ? new CancellationTokenSource(limit, Time) : null;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, stepTimeout?.Token ?? CancellationToken.None);
            var deadline = stepTimeout is null
                ? null
                : new StepDeadline(definition.StepTimeout!.Value, StepTimedOut(step, spent is null ? "" : CountedBeforeTakeover), stepTimeout.Token, token);
            lock (_lock)
            {
                step.Deadline = deadline;
            }

            Value output;
            try
            {
                output = items is null
                    ? await RunIterationAsync(step, null, null, linked.Token).ConfigureAwait(false)
                    : await RunLoopAsync(step, items, definition.Foreach!.Concurrency, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline?.Passed == true)
            {
                throw deadline.Failure();
            }
            finally
            {
                lock (_lock)
                {
                    step.Deadline = null;
                }
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

    /// <summary>
    /// A step or call that reads a secret set nowhere fails before it starts (category configuration), as a dry run said it
    /// would: the secret is never rendered as an empty string into an argument, a header or a URL.
    /// </summary>
    private static void RequireSecrets(IEnumerable<string> unset)
    {
        var names = unset.ToList();
        if (names.Count > 0)
        {
            throw new ActionFailedException(string.Join("; ", names.Select(Secrets.SecretStore.NotSet))) { Category = ErrorCategory.Configuration };
        }
    }

    private const string CountedBeforeTakeover = " (counted from its run's first attempt, before its process died)";

    /// <summary>The error of a step whose <c>step_timeout</c> passed (and of its attempt it stopped).</summary>
    private static string StepTimedOut(StepRuntime step, string counted) =>
        $"step '{step.Id}' exceeded its step_timeout of {Durations.Format(step.Definition.StepTimeout!.Value)}{counted}";

    internal IExpressionScope ScopeFor(Value? item, int? index)
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

    /// <summary>
    /// The retry pipeline of a step or a call; each retry is logged under <paramref name="logId"/> with the failed attempt's
    /// number, as history records it when <paramref name="recorded"/> gives it, and committed before the delay: held for
    /// the next commit, the line was lost when the process died during a long delay.
    /// </summary>
    private Polly.ResiliencePipeline RetryPipeline(RetrySettings settings, string logId, string where = "", Func<int>? recorded = null) =>
        StepRetryPipeline.Create(settings, Categorize, Time, async notice =>
        {
            _history.Log(logId, ExecutionLogLevel.Warning,
                $"attempt {recorded?.Invoke() ?? notice.FailedAttempt}{where} failed ({EnumNames.ToName(notice.Category)}): {notice.Error.Message}; retrying in {Durations.Format(notice.Delay)}");
            await _history.WriteAsync([]).ConfigureAwait(false);
        });

    private ErrorCategory Categorize(Exception error) => ErrorCategorizer.Categorize(error, _playbook.Errors);

    // Cut never inside a secret: the message is masked after.
    private string Shorten(string text) => text.Length <= 80 ? text : _history.Masker.Head(text, 77) + "...";
}
