namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary>A root identifier such as <c>inputs</c> or <c>item</c>, resolved through the scope.</summary>
internal sealed class RootNode(string name, int column) : ExpressionNode(column, depth: 1)
{
    public string Name { get; } = name;

    public override Value Evaluate(ref EvaluationContext context)
    {
        context.Step(Column);
        if (context.Scope.TryGetRoot(Name, out var value))
        {
            return value ?? Value.Null;
        }

        throw new ExpressionEvaluationException($"'{Name}' is not defined here", Column);
    }
}
