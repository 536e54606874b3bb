using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The dry run: the whole playbook walked in DAG order, conditions evaluated, templates rendered, gates
/// and loop counts reported, every action described and none performed.
/// </summary>
internal sealed partial class ExecutionRun
{
    /// <summary>How many iterations of a loop are described one by one.</summary>
    private const int DescribedIterations = 20;

    private async Task PlanAsync()
    {
        foreach (var step in InDagOrder())
        {
            var plan = PlanStep(step);

            // While planning, a step that would run counts as completed for the conditions below it.
            Mutate(() =>
            {
                step.Plan = plan;
                step.Status = plan.WouldRun ? StepStatus.Completed : StepStatus.Skipped;
            });
        }

        Mutate(() =>
        {
            foreach (var step in _steps.Where(s => s.Status == StepStatus.Completed))
            {
                step.Status = StepStatus.Pending;
            }
        });
        foreach (var step in _steps)
        {
            await _history.SaveStepAsync(Snapshot(step), step.Position).ConfigureAwait(false);
        }

        await PlanFinallyAsync().ConfigureAwait(false);
    }

    private List<StepRuntime> InDagOrder()
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<StepRuntime>();
        while (order.Count < _steps.Count)
        {
            var next = _steps.First(s => !placed.Contains(s.Id) && s.Definition.Needs.All(placed.Contains));
            placed.Add(next.Id);
            order.Add(next);
        }

        return order;
    }

    private StepPlan PlanStep(StepRuntime step)
    {
        var definition = step.Definition;
        var notes = new List<string>();
        var wouldFail = new List<string>();
        var handler = _services.Actions.Get(definition.Action);
        if (definition.When is { } when)
        {
            if (UpstreamReferences.ReadsSteps(when))
            {
                // Upstream outputs do not exist in a dry run: the condition is undecided, and the plan shows the step.
                notes.Add($"its when ({when.Node.Text}) reads what the steps above produce, which a dry run does not have: shown as if it held");
            }
            else
            {
                try
                {
                    if (!when.Expression.Evaluate(_scope).IsTruthy)
                    {
                        return new StepPlan { WouldRun = false, Reason = $"its when is false: {when.Node.Text}", Action = definition.Action };
                    }
                }
                catch (ExpressionEvaluationException e)
                {
                    wouldFail.Add(WouldFailWith(ErrorCategory.Validation, $"its when '{when.Node.Text}' cannot be evaluated: {e.Message}"));
                }
            }
        }

        wouldFail.AddRange(MissingSecrets(References(definition)));
        var failures = wouldFail.Count > 0 ? notes : wouldFail;
        var gate = Attempt(() => GateOf(step, _scope), failures);
        List<Value?> items = [null];
        if (definition.Foreach is { } loop)
        {
            items = Attempt(() => LoopItems(loop).Select(v => (Value?)v).ToList(), failures) ?? [];
        }

        var descriptions = new List<string>();
        Value arguments = Value.Null;
        for (var i = 0; i < items.Count && i < DescribedIterations; i++)
        {
            var scope = ScopeFor(items[i], items[i] is null ? null : i);
            var rendered = UpstreamReferences.ReadsSteps(definition.With)
                ? RenderPartly(definition.With, scope, notes)
                : Attempt(() => Render(definition.With, scope, "with"), failures);
            if (rendered is null)
            {
                break;
            }

            arguments = i == 0 ? rendered : arguments;
            descriptions.Add(_history.Mask(Describe(handler, rendered)));
            if (i == 0 && definition.Action == "playbook")
            {
                wouldFail.AddRange(ChildProblems(rendered));
            }
        }

        if (items.Count > DescribedIterations)
        {
            descriptions.Add($"... and {items.Count - DescribedIterations} more iterations");
        }

        var firstScope = ScopeFor(items.FirstOrDefault(), items.FirstOrDefault() is null ? null : 0);
        return new StepPlan
        {
            WouldRun = true,
            Action = definition.Action,
            Description = descriptions,
            Arguments = _history.Mask(arguments),
            Iterations = definition.Foreach is null ? null : items.Count,
            Gate = gate,
            Rollback = [.. definition.Rollback.Select(call => DescribeCall(call, firstScope))],
            Verify = [.. definition.Verify.Select(call => DescribeCall(call, firstScope))],
            WouldFail = [.. wouldFail.Select(_history.Mask)],
            Notes = [.. notes.Select(_history.Mask)],
        };
    }

    /// <summary>Renders arguments that read upstream outputs: a failure is expected in a dry run, and noted as such.</summary>
    private Value? RenderPartly(Definitions.Templates.ValueTemplate template, IExpressionScope scope, List<string> notes)
    {
        try
        {
            return template.Render(scope);
        }
        catch (ExpressionEvaluationException)
        {
            // Not the evaluator's own words: a column and a JSON parser's complaint about an empty output only confuse here.
            notes.Add("its arguments read what the steps above produce, which a dry run does not have: they are rendered when it runs");
            return null;
        }
    }

    private string DescribeCall(ActionCallDefinition call, IExpressionScope scope)
    {
        try
        {
            return _history.Mask(Describe(_services.Actions.Get(call.Action), call.With.Render(scope)));
        }
        catch (ExpressionEvaluationException e)
        {
            return $"{call.Action} (its arguments are known only at run time: {_history.Mask(e.Message)})";
        }
    }

    private string Describe(IActionHandler handler, Value arguments)
    {
        try
        {
            return handler.Describe(arguments, _history.Masker);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            return $"{handler.Descriptor.Name} with {arguments.ToJson()}";
        }
    }

    /// <summary>Runs a planning step; a failure it would meet at run time is added to <paramref name="failures"/> instead.</summary>
    private T? Attempt<T>(Func<T> plan, List<string> failures)
    {
        try
        {
            return plan();
        }
        catch (ActionFailedException e)
        {
            failures.Add(WouldFailWith(e.Category ?? ErrorCategory.Validation, e.Message));
            return default;
        }
    }
}
