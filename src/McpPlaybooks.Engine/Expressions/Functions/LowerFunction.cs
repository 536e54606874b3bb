using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>lower(text)</c>, invariant.</summary>
internal sealed class LowerFunction() : ExpressionFunction("lower", 1, 1)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column) =>
        Value.From(EvaluationContext.CheckLength(
            EvaluateText(arguments[0], ref context).ToLowerInvariant(), column, "the result of lower()"));
}
