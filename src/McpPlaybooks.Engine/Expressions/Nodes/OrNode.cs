namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary><c>a || b || c</c>: the first truthy operand, or the last one; later operands are not evaluated.</summary>
internal sealed class OrNode(ExpressionNode[] operands, int column) : ExpressionNode(column, MaxDepth(operands) + 1)
{
    public override Value Evaluate(ref EvaluationContext context)
    {
        context.Step(Column);
        var value = Value.Null;
        foreach (var operand in operands)
        {
            value = operand.Evaluate(ref context);
            if (value.IsTruthy)
            {
                return value;
            }
        }

        return value;
    }
}
