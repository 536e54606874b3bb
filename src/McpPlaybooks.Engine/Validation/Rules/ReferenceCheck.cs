using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>Decides whether one reference is valid where it stands, and if not, says why and how to fix it.</summary>
internal readonly struct ReferenceCheck(ValidationContext context, UpstreamIndex upstream, ReferenceScope scope, ExpressionReference reference)
{
    public (string Code, string Message, string Fix)? Problem()
    {
        var path = reference.Path;
        switch (reference.Root)
        {
            case "inputs":
                if (path.Count > 0 && !context.InputNames.Contains(path[0]))
                {
                    var names = context.Playbook.Inputs.Select(i => i.Name).ToList();
                    return (DiagnosticCodes.UnknownInput, $"{scope.Place} refers to the input '{path[0]}', which is not declared",
                        Hint(path[0], names, "declare it under 'inputs:'"));
                }

                return null;
            case "vars":
                if (path.Count == 0)
                {
                    return null;
                }

                if (!context.VariableIndex.TryGetValue(path[0], out var declared))
                {
                    var names = context.Playbook.Variables.Select(v => v.Key).ToList();
                    return (DiagnosticCodes.UnknownVariable, $"{scope.Place} refers to the variable '{path[0]}', which is not declared",
                        Hint(path[0], names, "declare it under 'variables:'"));
                }

                if (scope.VariablesBefore is { } before && declared >= before)
                {
                    return (DiagnosticCodes.UnknownVariable, $"{scope.Place} refers to the variable '{path[0]}', which is declared after it (or is itself)",
                        "a variable may refer only to the variables above it: move it below the ones it uses");
                }

                return null;
            case "steps":
                return StepProblem(path);
            case "item" or "index":
                return scope.InLoop
                    ? null
                    : (DiagnosticCodes.LoopVariableOutsideLoop, $"{scope.Place} uses '{reference.Root}', which exists only inside a step with 'foreach'",
                        "add 'foreach:' to the step, or refer to something else");
            case "incident" or "playbook" or "execution" or "secrets":
                return null;
            default:
                return (DiagnosticCodes.UnknownRoot, $"{scope.Place} refers to '{reference.Root}', which is not something an expression can read",
                    Hint(reference.Root, ReferenceRule.Roots, $"start with one of: {string.Join(", ", ReferenceRule.Roots)}"));
        }
    }

    private (string, string, string)? StepProblem(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return null;
        }

        var id = path[0];
        if (!context.StepsById.TryGetValue(id, out var step))
        {
            return (DiagnosticCodes.UnknownStep, $"{scope.Place} refers to the step '{id}', which does not exist",
                Hint(id, context.StepsById.Keys, $"use one of the step ids: {ValidationContext.List(context.StepsById.Keys)}"));
        }

        if (scope.Step is { } reader && !Reads(reader, id))
        {
            return (DiagnosticCodes.StepNotUpstream, $"{scope.Place} reads step '{id}', which is not upstream of it, so it may not have run yet",
                $"add '{id}' to the 'needs' of this step (directly or through a step it needs)");
        }

        if (path.Count > 1 && !ReferenceRule.StepFields.Contains(path[1]))
        {
            return (DiagnosticCodes.UnknownStepField, $"{scope.Place} reads 'steps.{id}.{path[1]}', but a step has only {string.Join(", ", ReferenceRule.StepFields)}",
                Hint(path[1], ReferenceRule.StepFields, "use steps.<id>.output.<name>"));
        }

        if (path.Count > 2 && path[1] == "output" && OutputsOf(step) is { } outputs && !outputs.Contains(path[2]))
        {
            var listed = outputs.Count == 0 ? "it has no output" : $"its outputs are: {string.Join(", ", outputs)}";
            return (DiagnosticCodes.UnknownStepField, $"{scope.Place} reads the output '{path[2]}' of step '{id}' ({step.Action}), but {listed}",
                Hint(path[2], outputs, "read one of the step's outputs"));
        }

        return null;
    }

    /// <summary>The output keys of a step; null when they are only known at run time (a child playbook, an unknown action).</summary>
    private IReadOnlyList<string>? OutputsOf(Definitions.StepDefinition step)
    {
        if (step.Foreach is not null)
        {
            return null; // A loop's output is one entry per item.
        }

        if (step.Action == "set")
        {
            return [.. step.With.Properties.Select(p => p.Key)];
        }

        var descriptor = context.Catalog.Find(step.Action);
        return descriptor is null || step.Action == "playbook" ? null : descriptor.Outputs;
    }

    /// <summary>Whether the step at node <paramref name="reader"/> may read step <paramref name="id"/>.</summary>
    private bool Reads(int reader, string id)
    {
        var target = context.Graph.IndexOf(id);
        return reader >= 0 && ((scope.ReadsItself && target == reader) || upstream.IsUpstream(reader, target));
    }

    private string Hint(string name, IReadOnlyCollection<string> candidates, string otherwise)
    {
        var hint = context.DidYouMean(name, candidates);
        return hint.Length > 0 ? $"{hint} Otherwise, {otherwise}." : otherwise;
    }
}
