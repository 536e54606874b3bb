using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>startsWith(text, prefix)</c>, ordinal and case-sensitive.</summary>
internal sealed class StartsWithFunction() : ExpressionFunction("startsWith", 2, 2)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var text = EvaluateText(arguments[0], ref context);
        var prefix = EvaluateText(arguments[1], ref context);
        return Value.From(text.StartsWith(prefix, StringComparison.Ordinal));
    }
}
