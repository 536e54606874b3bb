using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>
/// A <c>when</c> that is a constant text (<c>when: "'false'"</c>, <c>"'no'"</c>, <c>"'0'"</c>) is an error: text is not a
/// condition (<see cref="Condition"/>), and an author who quoted a value inside the expression meant a boolean or a comparison.
/// </summary>
internal static class ConditionRule
{
    public static void Check(ValidationContext context)
    {
        foreach (var (when, where) in Whens(context.Playbook))
        {
            if (IsConstantText(when, out var text))
            {
                context.Add(Problems.Error(
                    DiagnosticCodes.ConditionIsText,
                    $"the 'when' of {where} is the text '{Text.Echo.Of(text)}' (quoted inside the expression), not a condition: a when gives true or false",
                    when.Node,
                    "write true or false without quotes inside (when: false), or compare a value with the text: inputs.mode == 'fast'"));
            }
        }
    }

    /// <summary>Whether <paramref name="when"/> is always the same text (a string literal, or literals joined by && or ||).</summary>
    internal static bool IsConstantText(BareExpression when, out string text)
    {
        text = "";
        if (!when.Expression.IsConstant)
        {
            return false;
        }

        try
        {
            var value = when.Expression.Evaluate(new ExpressionScope());
            text = value.Kind == ValueKind.String ? value.AsString() : "";
            return value.Kind == ValueKind.String;
        }
        catch (ExpressionEvaluationException)
        {
            return false;
        }
    }

    private static IEnumerable<(BareExpression When, string Where)> Whens(PlaybookDefinition playbook)
    {
        foreach (var step in playbook.Steps)
        {
            if (step.When is { } when)
            {
                yield return (when, $"step '{step.Id}'");
            }

            foreach (var call in step.Rollback.Where(c => c.When is not null))
            {
                yield return (call.When!, $"a rollback of step '{step.Id}'");
            }

            foreach (var call in step.Verify.Where(c => c.When is not null))
            {
                yield return (call.When!, $"a verify of step '{step.Id}'");
            }
        }

        foreach (var call in playbook.Finally.Where(c => c.When is not null))
        {
            yield return (call.When!, "a finally entry");
        }
    }
}
