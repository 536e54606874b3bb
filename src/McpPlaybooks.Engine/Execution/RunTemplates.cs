using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// A playbook's conditions and templates evaluated at the moment a run needs them: an evaluation error becomes the step's
/// (or call's) failure, with category validation and the line it is on.
/// </summary>
internal static class RunTemplates
{
    /// <summary>Evaluates a bare condition (<c>when</c>), by <see cref="Condition"/>'s rule: text other than true or false fails.</summary>
    public static bool Holds(BareExpression condition, IExpressionScope scope, string field)
    {
        Value value;
        try
        {
            value = condition.Expression.Evaluate(scope);
        }
        catch (ExpressionEvaluationException e)
        {
            throw new ActionFailedException($"its {field} '{condition.Node.Text}' (line {condition.Node.Location.Line}) cannot be evaluated: {e.Message}")
            {
                Category = ErrorCategory.Validation,
            };
        }

        if (Condition.Problem(value) is { } problem)
        {
            throw new ActionFailedException($"its {field} '{condition.Node.Text}' (line {condition.Node.Location.Line}) {problem}") { Category = ErrorCategory.Validation };
        }

        return value.IsTruthy;
    }

    /// <summary>Renders a template (<c>with</c>).</summary>
    public static Value Render(Definitions.Templates.ValueTemplate template, IExpressionScope scope, string field)
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
}
