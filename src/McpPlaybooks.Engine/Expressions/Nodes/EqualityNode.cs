namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary><c>a == b</c> or, when <paramref name="negate"/>, <c>a != b</c>.</summary>
internal sealed class EqualityNode(ExpressionNode left, ExpressionNode right, bool negate, int column)
    : ExpressionNode(column, Math.Max(left.Depth, right.Depth) + 1)
{
    public override Value Evaluate(ref EvaluationContext context)
    {
        context.Step(Column);
        var l = left.Evaluate(ref context);
        var r = right.Evaluate(ref context);
        return ValueComparison.LooseEquals(l, r, ref context, Column) != negate ? Value.True : Value.False;
    }
}
