using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>upper(text)</c>, invariant.</summary>
internal sealed class UpperFunction() : ExpressionFunction("upper", 1, 1)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column) =>
        Value.From(EvaluationContext.CheckLength(
            EvaluateText(arguments[0], ref context).ToUpperInvariant(), column, "the result of upper()"));
}
