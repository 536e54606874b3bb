using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>endsWith(text, suffix)</c>, ordinal and case-sensitive.</summary>
internal sealed class EndsWithFunction() : ExpressionFunction("endsWith", 2, 2)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var text = EvaluateText(arguments[0], ref context);
        var suffix = EvaluateText(arguments[1], ref context);
        return Value.From(text.EndsWith(suffix, StringComparison.Ordinal));
    }
}
