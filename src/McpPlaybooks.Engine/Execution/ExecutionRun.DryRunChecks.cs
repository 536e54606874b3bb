using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// A dry run's verdict: what a real run would fail on (a secret not set, a child playbook that does not exist, an
/// expression that cannot be evaluated), in the steps and in <c>finally</c>. A dry run with any such finding ends
/// failed, its error naming each one; one with none ends completed.
/// </summary>
internal sealed partial class ExecutionRun
{
    /// <summary>The most telling category of what the dry run found would fail (the first one found).</summary>
    private ErrorCategory? _wouldFailCategory;

    /// <summary>How many findings the dry run's error names one by one.</summary>
    private const int NamedFindings = 5;

    private string WouldFailWith(ErrorCategory category, string reason)
    {
        _wouldFailCategory ??= category;
        return reason;
    }

    /// <summary>The dry run's error: null when nothing would fail.</summary>
    private StepError? DryRunVerdict()
    {
        var findings = BuildState().WouldFail;
        if (findings.Count == 0)
        {
            return null;
        }

        var named = string.Join("; ", findings.Take(NamedFindings));
        var more = findings.Count > NamedFindings ? $"; and {findings.Count - NamedFindings} more (see would_fail)" : "";
        return new StepError(_wouldFailCategory ?? ErrorCategory.Validation,
            $"a real run would fail: {named}{more}. Fix these, then dry-run again");
    }

    /// <summary>The secrets these references read that are set nowhere (neither the environment nor the secrets file).</summary>
    private IEnumerable<string> MissingSecrets(IEnumerable<ExpressionReference> references) =>
        UpstreamReferences.SecretNames(references)
            .Where(name => !_services.Secrets.IsSet(name))
            .Select(name => WouldFailWith(ErrorCategory.Configuration, $"secrets.{name} is not set: {SecretStore.EnvironmentPrefix}{name} or the secrets file"));

    private static IEnumerable<ExpressionReference> References(StepDefinition step) =>
        References(step.When)
            .Concat(UpstreamReferences.Of(step.With))
            .Concat(step.Approval?.Message is { } message ? UpstreamReferences.Of(message) : [])
            .Concat(step.Foreach is { } loop ? References(loop.Expression).Concat(loop.Items is { } items ? UpstreamReferences.Of(items) : []) : [])
            .Concat(step.Verify.Concat(step.Rollback).SelectMany(References));

    private static IEnumerable<ExpressionReference> References(ActionCallDefinition call) =>
        References(call.When).Concat(UpstreamReferences.Of(call.With));

    private static IEnumerable<ExpressionReference> References(BareExpression? condition) => condition?.Expression.References ?? [];

    /// <summary>Why a <c>playbook</c> call with these arguments would fail: no such playbook (or version), or inputs that do not fit it.</summary>
    private IEnumerable<string> ChildProblems(Value arguments)
    {
        var id = arguments.ArgumentText("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            yield return WouldFailWith(ErrorCategory.Validation, "playbook: with.id is empty; name the child playbook's id");
            yield break;
        }

        var version = arguments.ArgumentText("version");
        if (new PlaybookResolver(_services.Options.PlaybookDirectories).Resolve(id, version, out var problem) is not { } child)
        {
            yield return WouldFailWith(ErrorCategory.Configuration, $"playbook: {problem}");
            yield break;
        }

        var inputs = arguments.TryGetProperty("inputs", out var map) && map.Kind == ValueKind.Object ? map.AsObject() : new Dictionary<string, Value>();
        var binding = InputBinder.Bind(child.Definition, inputs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        if (!binding.IsValid)
        {
            yield return WouldFailWith(ErrorCategory.Validation, $"playbook: the inputs of '{id}' do not fit: {string.Join("; ", binding.Problems)}");
        }
    }

    /// <summary>
    /// Plans every <c>finally</c> call as a step is planned. Nothing runs; each plan is kept in history as the call's
    /// attempt 0 with status <c>not_run</c> (finally calls have no step row), so the dry run read back shows them too.
    /// </summary>
    private async Task PlanFinallyAsync()
    {
        var results = new List<FinallyResult>();
        for (var i = 0; i < _playbook.Finally.Count; i++)
        {
            var call = _playbook.Finally[i];
            var result = new FinallyResult { Id = FinallyId(call, i), Action = call.Action, Status = StepStatus.NotRun, Plan = PlanCall(call) };
            results.Add(result);
            await _history.SaveAttemptAsync(FinallyMark(result.Id, call.Action, StepStatus.NotRun) with { OutputJson = StepPlanJson.ToJson(result.Plan) }).ConfigureAwait(false);
        }

        lock (_lock)
        {
            _finallyResults = results;
        }
    }

    private StepPlan PlanCall(ActionCallDefinition call)
    {
        var notes = new List<string>();
        var wouldFail = new List<string>();
        if (call.When is { } when && !UpstreamReferences.ReadsSteps(when))
        {
            var holds = Attempt(() => Holds(when, _scope, "when"), wouldFail);
            if (wouldFail.Count == 0 && !holds)
            {
                return new StepPlan { WouldRun = false, Reason = $"its when is false: {when.Node.Text}", Action = call.Action };
            }
        }

        wouldFail.AddRange(MissingSecrets(References(call)));
        var rendered = UpstreamReferences.ReadsSteps(call.With)
            ? RenderPartly(call.With, _scope, notes)
            : Attempt(() => Render(call.With, _scope, "with"), wouldFail.Count > 0 ? notes : wouldFail);
        if (rendered is not null && call.Action == "playbook")
        {
            wouldFail.AddRange(ChildProblems(rendered));
        }

        return new StepPlan
        {
            WouldRun = true,
            Action = call.Action,
            Description = rendered is null ? [] : [_history.Mask(Describe(_services.Actions.Get(call.Action), rendered))],
            Arguments = rendered is null ? Value.Null : _history.Mask(rendered),
            WouldFail = [.. wouldFail.Select(_history.Mask)],
            Notes = [.. notes.Select(_history.Mask)],
        };
    }
}
