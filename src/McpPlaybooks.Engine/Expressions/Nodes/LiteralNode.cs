namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary>A constant: a number, a string, true, false or null.</summary>
internal sealed class LiteralNode(Value value, int column) : ExpressionNode(column, depth: 1)
{
    public Value Value { get; } = value;

    public override Value Evaluate(ref EvaluationContext context)
    {
        context.Step(Column);
        return Value;
    }
}
