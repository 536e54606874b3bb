namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary><c>!x</c>: true when the operand is falsy.</summary>
internal sealed class NotNode(ExpressionNode operand, int column) : ExpressionNode(column, operand.Depth + 1)
{
    public override Value Evaluate(ref EvaluationContext context)
    {
        context.Step(Column);
        return operand.Evaluate(ref context).IsTruthy ? Value.False : Value.True;
    }
}
