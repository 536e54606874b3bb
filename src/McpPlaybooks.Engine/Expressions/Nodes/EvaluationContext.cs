namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary>The state of one evaluation: the scope and the work spent so far. Passed by reference, never copied.</summary>
internal ref struct EvaluationContext(IExpressionScope scope)
{
    private int _steps;

    public readonly IExpressionScope Scope => scope;

    /// <summary>Counts one node visit.</summary>
    public void Step(int column) => Charge(1, column);

    /// <summary>Counts <paramref name="units"/> of work, such as list elements compared, and fails past the limit.</summary>
    public void Charge(int units, int column)
    {
        _steps += units;
        if (_steps > ExpressionLimits.MaxEvaluationSteps)
        {
            throw new ExpressionEvaluationException(
                $"the evaluation needs more than {ExpressionLimits.MaxEvaluationSteps} steps; "
                + "compare or search smaller lists",
                column);
        }
    }

    /// <summary>Returns the string, or fails when it is longer than <see cref="ExpressionLimits.MaxStringLength"/>.</summary>
    public static string CheckLength(string text, int column, string what) =>
        text.Length <= ExpressionLimits.MaxStringLength
            ? text
            : throw new ExpressionEvaluationException(
                $"{what} is {text.Length} characters long; the limit is {ExpressionLimits.MaxStringLength}",
                column);
}
