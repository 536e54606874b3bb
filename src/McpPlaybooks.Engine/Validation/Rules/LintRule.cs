using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>Warnings about safety and habits: the playbook runs, but a reviewer should look.</summary>
internal static class LintRule
{
    public static void Check(ValidationContext context)
    {
        var playbook = context.Playbook;
        foreach (var call in ActionCall.All(playbook).Where(c => c.Action == "shell" && c.With.Contains("script")))
        {
            context.Add(Problems.Warning(
                DiagnosticCodes.RealShell,
                $"{call.Where} runs a script through a real shell, which interprets whatever its values contain",
                call.With.Mapping.KeyLocationOf("script"),
                call.With["script"]!.Node.Path,
                "use 'command:' with an argument list; a script runs only where the server's configuration allows a shell"));
        }

        foreach (var step in playbook.Steps)
        {
            var descriptor = context.Catalog.Find(step.Action);
            if (descriptor is not null && descriptor.IsDestructive(step.With) && step.Node["rollback"] is null)
            {
                context.Add(Problems.Warning(
                    DiagnosticCodes.DestructiveWithoutRollback,
                    $"step '{step.Id}' changes things ({step.Action}) but has no rollback",
                    (step.Node["id"] ?? step.Node).Location,
                    step.Node.Path,
                    "add 'rollback:' with the actions that undo it, or write 'rollback: []' to record that nothing can"));
            }

            if (step.Approval is { Approvers.Count: 0, Node: { } gate })
            {
                WarnNoApprovers(context, gate, $"step '{step.Id}'");
            }

            if (step.Action == "approval" && !step.With.Contains("approvers"))
            {
                WarnNoApprovers(context, step.With.Mapping.Location.IsKnown ? step.With.Mapping : step.Node, $"step '{step.Id}'");
            }

            if (step.When is { Expression.IsConstant: true } when && !ConditionRule.IsConstantText(when, out _)) // Text is an error (PB0118).
            {
                context.Add(Problems.Warning(
                    DiagnosticCodes.ConstantCondition,
                    $"the 'when' of step '{step.Id}' is always the same ({when.Node.Text}), so it decides nothing",
                    when.Node,
                    "make it depend on inputs or earlier steps, or remove it (or remove the step, if it never runs)"));
            }
        }

        CheckTimeouts(context);
        CheckUnusedInputs(context);
        CheckSecretDefaults(context);
    }

    /// <summary>A secret input's default is written in the playbook: whoever reads the playbook (its file, the dashboard, its stored versions) reads it.</summary>
    private static void CheckSecretDefaults(ValidationContext context)
    {
        foreach (var input in context.Playbook.Inputs.Where(i => i.Secret && i.Default is { Kind: not Expressions.ValueKind.Null }))
        {
            var node = (input.Node?["default"] ?? input.Node)?.Location ?? SourceLocation.Unknown;
            context.Add(Problems.Warning(
                DiagnosticCodes.SecretInputDefault,
                $"input '{input.Name}' is secret but its default is written in the playbook, which is not secret: its file, the dashboard, playbook:// and the history's stored versions show it",
                node,
                input.Node?.Path ?? "inputs",
                $"remove the default and read the value from the secrets store: {{{{ secrets.NAME }}}} (PLAYBOOK_SECRET_NAME or the secrets file), or make the caller give '{input.Name}'"));
        }
    }

    private static void WarnNoApprovers(ValidationContext context, MappingNode node, string where) =>
        context.Add(Problems.Warning(
            DiagnosticCodes.ApprovalWithoutApprovers,
            $"the approval gate of {where} names no approvers, so anyone may approve it",
            node,
            "add 'approvers:' with the identities or roles allowed to decide, such as [oncall]"));

    private static void CheckTimeouts(ValidationContext context)
    {
        var playbook = context.Playbook;
        // A timeout that is written but invalid is reported as such; it is not "no timeout".
        if (playbook.Node["timeout"] is not null || (playbook.Node["defaults"] as MappingNode)?["timeout"] is not null)
        {
            return;
        }

        var open = playbook.Steps.Where(s => s.Node["timeout"] is null && s.Node["step_timeout"] is null && s.Id.Length > 0).Select(s => s.Id).ToList();
        if (open.Count > 0)
        {
            var node = playbook.Node["steps"] ?? playbook.Node;
            context.Add(Problems.Warning(
                DiagnosticCodes.NoTimeout,
                $"no timeout anywhere: steps {string.Join(", ", open.Take(5))}{(open.Count > 5 ? ", ..." : "")} may wait forever",
                playbook.Node.KeyLocationOf("steps"),
                node.Path,
                "set 'defaults: { timeout: 30s }', a playbook 'timeout:', or a 'timeout:' on each step"));
        }
    }

    private static void CheckUnusedInputs(ValidationContext context)
    {
        if (context.Diagnostics.Any(d => d.Code == DiagnosticCodes.ExpressionSyntax))
        {
            return; // An expression that did not parse may be the one that uses the input.
        }

        var used = ReferenceRule.AllReferences(context)
            .Where(r => r.Root == "inputs")
            .Select(r => r.Path.Count > 0 ? r.Path[0] : "*")
            .ToHashSet(StringComparer.Ordinal);
        if (used.Contains("*"))
        {
            return; // The whole inputs object is used (toJson(inputs), a dynamic index).
        }

        foreach (var input in context.Playbook.Inputs.Where(i => !used.Contains(i.Name)))
        {
            var key = context.Playbook.Node["inputs"] is MappingNode inputs ? inputs.KeyLocationOf(input.Name) : SourceLocation.Unknown;
            context.Add(Problems.Warning(
                DiagnosticCodes.UnusedInput,
                $"input '{input.Name}' is declared but nothing uses it",
                key,
                input.Node?.Path ?? "inputs",
                $"use it as {{{{ inputs.{input.Name} }}}}, or remove it"));
        }
    }
}
