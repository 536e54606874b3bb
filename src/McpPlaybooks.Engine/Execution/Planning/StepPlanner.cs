using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution.Planning;

/// <summary>
/// What a step or a <c>finally</c> call would do, as a dry run shows it (and as a gate's page shows the step waiting there,
/// with the run's real scope): its condition evaluated, its gate and loop count, its arguments rendered and masked, every
/// action described and none performed; and what a real run would fail on (a secret not set, a child playbook that does
/// not exist or whose inputs do not fit, an expression that cannot be evaluated). Reads the run; changes nothing. The child
/// playbooks a plan would start are kept for the dry run to dry-run them (<see cref="TakeChildren"/>, <see cref="WithChildDryRuns"/>).
/// </summary>
internal sealed class StepPlanner(ExecutionRun run, EngineServices services, SecretMasker masker, IExpressionScope scope)
{
    /// <summary>How many iterations of a loop are described one by one.</summary>
    private const int DescribedIterations = 20;

    /// <summary>How many findings the dry run's error names one by one.</summary>
    private const int NamedFindings = 5;

    /// <summary>How much of a child's dry-run findings a parent's finding quotes (they nest, a level per child).</summary>
    private const int QuotedChildFindings = 300;

    /// <summary>The most telling category of what the plans found would fail (the first one found).</summary>
    private ErrorCategory? _wouldFailCategory;

    /// <summary>The <c>playbook</c> calls of the last plan: their problems, and the children to dry-run (<see cref="TakeChildren"/>).</summary>
    private readonly ChildPlans _children = new(services.Playbooks);

    /// <summary>The dry run's error for what its steps would fail on: null when nothing would.</summary>
    public StepError? Verdict(IReadOnlyList<string> findings)
    {
        if (findings.Count == 0)
        {
            return null;
        }

        var named = string.Join("; ", findings.Take(NamedFindings));
        var more = findings.Count > NamedFindings ? $"; and {findings.Count - NamedFindings} more (see would_fail)" : "";
        return new StepError(_wouldFailCategory ?? ErrorCategory.Validation,
            $"a real run would fail: {named}{more}. Fix these, then dry-run again");
    }

    /// <summary>The child playbooks the last <see cref="PlanStep"/> or <see cref="PlanCall"/> would start, their inputs known: those to dry-run, and those left out.</summary>
    public (IReadOnlyList<PlannedChild> DryRun, IReadOnlyList<PlannedChild> Left) TakeChildren() => _children.Take();

    public StepPlan PlanStep(StepRuntime step)
    {
        _children.Reset();
        var definition = step.Definition;
        var notes = new List<string>();
        var wouldFail = new List<string>();
        var handler = services.Actions.Get(definition.Action);
        if (definition.When is { } when)
        {
            if (UpstreamReferences.ReadsSteps(when))
            {
                // Upstream outputs do not exist in a dry run: the condition is undecided, and the plan shows the step.
                notes.Add($"its when ({when.Node.Text}) reads what the steps above produce, which a dry run does not have: shown as if it held");
            }
            else
            {
                var holds = Attempt(() => RunTemplates.Holds(when, scope, "when"), wouldFail);
                if (wouldFail.Count == 0 && !holds)
                {
                    return new StepPlan { WouldRun = false, Reason = $"its when is false: {when.Node.Text}", Action = definition.Action };
                }
            }
        }

        wouldFail.AddRange(MissingSecrets(UpstreamReferences.UnsetSecrets(definition, services.Secrets)));
        var failures = wouldFail.Count > 0 ? notes : wouldFail;
        var gate = Attempt(() => run.GateOf(step, scope), failures);
        List<Value?> items = [null];
        var itemsUnknown = false;
        if (definition.Foreach is { } loop)
        {
            if (ReadsSteps(loop))
            {
                // As for a condition: upstream outputs do not exist in a dry run, so the items are not known; the step is
                // described once, its arguments rendered as far as they can be without an item.
                itemsUnknown = true;
                notes.Add("its foreach reads what the steps above produce, which a dry run does not have: how many iterations it makes is known when it runs");
            }
            else
            {
                items = Attempt(() => run.LoopItems(loop).Select(v => (Value?)v).ToList(), failures) ?? [];
            }
        }

        var descriptions = new List<string>();
        var refusals = new List<ActionFailedException?>();
        Value arguments = Value.Null;
        for (var i = 0; i < items.Count && i < DescribedIterations; i++)
        {
            var iteration = run.ScopeFor(items[i], items[i] is null ? null : i);
            var rendered = itemsUnknown || UpstreamReferences.ReadsSteps(definition.With)
                ? RenderPartly(definition.With, iteration, notes)
                : Attempt(() => RunTemplates.Render(definition.With, iteration, "with"), failures);
            if (rendered is null)
            {
                break;
            }

            arguments = i == 0 ? rendered : arguments;
            descriptions.Add(masker.Apply(Describe(handler, rendered)));
            var known = !itemsUnknown && !UpstreamReferences.ReadsSteps(definition.With);
            if (definition.Action == "playbook")
            {
                wouldFail.AddRange(ChildProblems(rendered, known).Except(wouldFail));
            }

            if (known)
            {
                refusals.Add(handler.Refusal(rendered, definition.With, iteration));
            }
        }

        // What the action would refuse before it acts (a program not found, a templated dash, a host not allowed), once each;
        // only a note when its condition is undecided (it may well not run: a renewal on a machine without certbot).
        AddRefusals(refusals, definition.When, wouldFail, notes);

        if (items.Count > DescribedIterations)
        {
            descriptions.Add($"... and {items.Count - DescribedIterations} more iterations");
        }

        var firstScope = run.ScopeFor(items.FirstOrDefault(), items.FirstOrDefault() is null ? null : 0);
        return new StepPlan
        {
            WouldRun = true,
            Action = definition.Action,
            Description = descriptions,
            Arguments = masker.Apply(arguments),
            Iterations = definition.Foreach is null || itemsUnknown ? null : items.Count,
            Gate = gate,
            Rollback = [.. definition.Rollback.Select(call => DescribeCall(call, firstScope))],
            Verify = [.. definition.Verify.Select(call => DescribeCall(call, firstScope))],
            WouldFail = [.. wouldFail.Select(masker.Apply)],
            Notes = [.. notes.Select(masker.Apply)],
        };
    }

    /// <summary>A <c>finally</c> call's plan, as a step's is made (a call has no gate and no loop).</summary>
    public StepPlan PlanCall(ActionCallDefinition call)
    {
        _children.Reset();
        var notes = new List<string>();
        var wouldFail = new List<string>();
        if (call.When is { } when && !UpstreamReferences.ReadsSteps(when))
        {
            var holds = Attempt(() => RunTemplates.Holds(when, scope, "when"), wouldFail);
            if (wouldFail.Count == 0 && !holds)
            {
                return new StepPlan { WouldRun = false, Reason = $"its when is false: {when.Node.Text}", Action = call.Action };
            }
        }

        wouldFail.AddRange(MissingSecrets(UpstreamReferences.UnsetSecrets(call, services.Secrets)));
        var rendered = UpstreamReferences.ReadsSteps(call.With)
            ? RenderPartly(call.With, scope, notes)
            : Attempt(() => RunTemplates.Render(call.With, scope, "with"), wouldFail.Count > 0 ? notes : wouldFail);
        if (rendered is not null && call.Action == "playbook")
        {
            wouldFail.AddRange(ChildProblems(rendered, known: !UpstreamReferences.ReadsSteps(call.With)));
        }

        if (rendered is not null && !UpstreamReferences.ReadsSteps(call.With))
        {
            AddRefusals([services.Actions.Get(call.Action).Refusal(rendered, call.With, scope)], call.When, wouldFail, notes);
        }

        return new StepPlan
        {
            WouldRun = true,
            Action = call.Action,
            Description = rendered is null ? [] : [masker.Apply(Describe(services.Actions.Get(call.Action), rendered))],
            Arguments = rendered is null ? Value.Null : masker.Apply(rendered),
            WouldFail = [.. wouldFail.Select(masker.Apply)],
            Notes = [.. notes.Select(masker.Apply)],
        };
    }

    /// <summary>
    /// <paramref name="plan"/> with what the dry runs of its child playbooks found: a child that a real run would not start or
    /// whose own dry run failed is a finding (a note only when the step's condition is undecided, as for a refusal); a child
    /// whose dry run completed is a note naming that dry run, where its plan is; the children <paramref name="left"/> out
    /// (<see cref="ChildPlans.DryRunAtMost"/>) are a note saying how many and why.
    /// </summary>
    public StepPlan WithChildDryRuns(StepPlan plan, BareExpression? when, IReadOnlyList<ChildDryRun> dryRuns, IReadOnlyList<PlannedChild> left)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var wouldFail = plan.WouldFail.ToList();
        var notes = plan.Notes.ToList();
        if (ChildPlans.NotDryRun(left) is { } leftOut)
        {
            notes.Add(masker.Apply(leftOut));
        }

        foreach (var dryRun in dryRuns)
        {
            if (dryRun.Problem is not { } problem)
            {
                notes.Add(masker.Apply($"its child playbook '{dryRun.PlaybookId}' was dry-run too, and completed: execution {dryRun.ExecutionId}"));
            }
            else if (when is not null && UpstreamReferences.ReadsSteps(when))
            {
                notes.Add(masker.Apply($"if it runs, it would fail: {Quoted(problem)}"));
            }
            else
            {
                wouldFail.Add(masker.Apply(WouldFailWith(dryRun.Category ?? ErrorCategory.Validation, Quoted(problem))));
            }
        }

        return plan with { WouldFail = [.. wouldFail.Distinct(StringComparer.Ordinal)], Notes = [.. notes.Distinct(StringComparer.Ordinal)] };
    }

    private static string Quoted(string problem) => problem.Length <= QuotedChildFindings ? problem : problem[..QuotedChildFindings] + "…";

    private void AddRefusals(IEnumerable<ActionFailedException?> refusals, BareExpression? when, List<string> wouldFail, List<string> notes)
    {
        foreach (var refusal in refusals.OfType<ActionFailedException>().DistinctBy(e => e.Message))
        {
            if (when is not null && UpstreamReferences.ReadsSteps(when))
            {
                notes.Add($"if it runs, it would be refused: {refusal.Message}");
            }
            else
            {
                wouldFail.Add(WouldFailWith(refusal.Category ?? ErrorCategory.Validation, refusal.Message));
            }
        }
    }

    private string WouldFailWith(ErrorCategory category, string reason)
    {
        _wouldFailCategory ??= category;
        return reason;
    }

    private static bool ReadsSteps(LoopDefinition loop) =>
        (loop.Expression is { } expression && UpstreamReferences.ReadsSteps(expression)) || (loop.Items is { } items && UpstreamReferences.ReadsSteps(items));

    /// <summary>Renders arguments that read upstream outputs: a failure is expected in a dry run, and noted as such.</summary>
    private static Value? RenderPartly(Definitions.Templates.ValueTemplate template, IExpressionScope scope, List<string> notes)
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

    private string DescribeCall(ActionCallDefinition call, IExpressionScope callScope)
    {
        try
        {
            return masker.Apply(Describe(services.Actions.Get(call.Action), call.With.Render(callScope)));
        }
        catch (ExpressionEvaluationException e)
        {
            return $"{call.Action} (its arguments are known only at run time: {masker.Apply(e.Message)})";
        }
    }

    private string Describe(IActionHandler handler, Value arguments)
    {
        try
        {
            return handler.Describe(arguments, masker);
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

    /// <summary>The secrets a step or call reads that are set nowhere (<see cref="UpstreamReferences.UnsetSecrets(StepDefinition, SecretStore)"/>): a real run fails it before it starts.</summary>
    private IEnumerable<string> MissingSecrets(IEnumerable<string> unset) =>
        unset.Select(name => WouldFailWith(ErrorCategory.Configuration, Secrets.SecretStore.NotSet(name)));

    /// <summary>Why a <c>playbook</c> call with these arguments would fail (<see cref="ChildPlans.Problem"/>), as a finding.</summary>
    private List<string> ChildProblems(Value arguments, bool known) =>
        _children.Problem(arguments, known) is { } found ? [WouldFailWith(found.Category, found.Reason)] : [];
}
