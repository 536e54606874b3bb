namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary><c>a &amp;&amp; b &amp;&amp; c</c>: the first falsy operand, or the last one; later operands are not evaluated.</summary>
internal sealed class AndNode(ExpressionNode[] operands, int column) : ExpressionNode(column, MaxDepth(operands) + 1)
{
    public override Value Evaluate(ref EvaluationContext context)
    {
        context.Step(Column);
        var value = Value.Null;
        foreach (var operand in operands)
        {
            value = operand.Evaluate(ref context);
            if (!value.IsTruthy)
            {
                return value;
            }
        }

        return value;
    }
}
