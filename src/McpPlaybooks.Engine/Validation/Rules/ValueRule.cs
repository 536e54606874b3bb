using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>Values the schema cannot judge: regexes that compile, input defaults that fit, consistent ranges.</summary>
internal static class ValueRule
{
    public static void Check(ValidationContext context)
    {
        var playbook = context.Playbook;
        foreach (var pattern in playbook.Errors)
        {
            CheckRegex(context, pattern.Node?["match"], "this error pattern", RegexOptions.IgnoreCase);
        }

        foreach (var input in playbook.Inputs)
        {
            CheckRegex(context, input.Node?["pattern"], $"input '{input.Name}'");
            if (input.Default is { } value && input.Node?["default"] is { } node)
            {
                CheckDefault(context, input, value, node);
            }
        }

        CheckRetry(context, playbook.Defaults.Retry, playbook.Node["defaults"] is MappingNode d ? d["retry"] as MappingNode : null);
        foreach (var step in playbook.Steps)
        {
            CheckRetry(context, step.Retry, step.Node["retry"] as MappingNode);
            CheckApproval(context, step.Approval, $"step '{step.Id}'");
            CheckLoop(context, step);
            if (step.Timeout > step.StepTimeout && step.Node["step_timeout"] is { } stepTimeout)
            {
                context.Add(Problems.Error(
                    DiagnosticCodes.OutOfRange,
                    $"step '{step.Id}' has a step_timeout shorter than the timeout of one attempt",
                    stepTimeout,
                    "make step_timeout at least as long as timeout (it covers every attempt)"));
            }
        }
    }

    /// <summary>A pattern is compiled as it will run (<see cref="PlaybookRegex"/>), and a problem is reported where in the pattern it is.</summary>
    internal static void CheckRegex(ValidationContext context, DocumentNode? node, string where, RegexOptions extra = RegexOptions.None)
    {
        if (node is ScalarNode { IsString: true } scalar && PlaybookRegex.Problem(scalar.Text, extra) is { } problem)
        {
            context.Add(Problems.Error(
                problem.Unsupported ? DiagnosticCodes.UnsupportedRegex : DiagnosticCodes.InvalidRegex,
                $"the pattern of {where} {problem.Message}",
                problem.Offset is { } offset ? scalar.LocationOf(offset) : scalar.Location,
                scalar.Path,
                problem.Fix));
        }
    }

    private static void CheckDefault(ValidationContext context, InputDefinition input, Expressions.Value value, DocumentNode node)
    {
        try
        {
            foreach (var (path, problem, at) in InputValueChecker.Problems(input.Schema, value, input.Name, node))
            {
                context.Add(Problems.Error(
                    DiagnosticCodes.InputDefaultMismatch,
                    path == input.Name ? $"the default of input '{input.Name}' {problem}" : $"the default of input '{input.Name}': '{path}' {problem}",
                    at ?? node,
                    "change the default so that it fits the input's own type and constraints"));
            }
        }
        catch (PatternTimeoutException e)
        {
            context.Add(Problems.Error(DiagnosticCodes.UnsupportedRegex, $"the default of input '{input.Name}' cannot be checked: {e.Message}", e.Pattern ?? node, e.Fix));
        }
    }

    private static void CheckRetry(ValidationContext context, RetryDefinition? retry, MappingNode? node)
    {
        if (retry is { Delay: { } delay, MaxDelay: { } max } && delay > max && node?["max_delay"] is { } maxNode)
        {
            context.Add(Problems.Error(DiagnosticCodes.OutOfRange, $"retry max_delay ({Durations.Format(max)}) is shorter than its delay ({Durations.Format(delay)})",
                maxNode, "make max_delay at least as long as delay"));
        }
    }

    private static void CheckApproval(ValidationContext context, ApprovalDefinition? approval, string where)
    {
        if (approval is { Approvers.Count: > 0 } && approval.MinApprovals > approval.Approvers.Count && approval.Node?["min_approvals"] is { } node)
        {
            context.Add(Problems.Error(
                DiagnosticCodes.OutOfRange,
                $"the approval of {where} needs {approval.MinApprovals} approvals but lists only {approval.Approvers.Count} approver(s)",
                node,
                "lower min_approvals, or list more approvers (a role counts as one entry but may hold many people)"));
        }
    }

    private static void CheckLoop(ValidationContext context, StepDefinition step)
    {
        if (step.Foreach is null && step.Node["concurrency"] is { } concurrency)
        {
            context.Add(Problems.Error(DiagnosticCodes.OutOfRange, $"step '{step.Id}' sets concurrency but has no foreach", concurrency,
                "remove 'concurrency', or add 'foreach:' (steps of the DAG run in parallel by the playbook's own 'concurrency')"));
        }

        if (step.Foreach?.Items is null || step.Node["foreach"] is not SequenceNode list)
        {
            return;
        }

        var count = list.Items.Count;
        var cap = Math.Min(LoopDefinition.MaxIterations, context.Playbook.Safety.BlastRadius ?? int.MaxValue);
        if (count > cap)
        {
            var rule = cap == LoopDefinition.MaxIterations ? $"the hard cap of {LoopDefinition.MaxIterations}" : $"safety.blast_radius ({cap})";
            context.Add(Problems.Error(DiagnosticCodes.OutOfRange, $"step '{step.Id}' loops over {count} items, more than {rule}", list,
                "split the work, or raise safety.blast_radius if touching that many targets is intended"));
        }
    }
}
