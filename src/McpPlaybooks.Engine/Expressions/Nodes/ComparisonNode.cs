namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary><c>a &lt; b</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&gt;=</c>.</summary>
internal sealed class ComparisonNode(ExpressionNode left, ExpressionNode right, ComparisonOperator op, int column)
    : ExpressionNode(column, Math.Max(left.Depth, right.Depth) + 1)
{
    public override Value Evaluate(ref EvaluationContext context)
    {
        context.Step(Column);
        var l = left.Evaluate(ref context);
        var r = right.Evaluate(ref context);
        return ValueComparison.Compare(l, r, op, Column) ? Value.True : Value.False;
    }
}
