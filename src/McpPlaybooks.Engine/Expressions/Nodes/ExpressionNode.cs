namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary>A node of a parsed expression. Nodes are immutable and may be evaluated concurrently.</summary>
/// <param name="column">The 1-based column, within the expression's text, that errors point at.</param>
/// <param name="depth">The height of the subtree: 1 for a leaf.</param>
internal abstract class ExpressionNode(int column, int depth)
{
    public int Column { get; } = column;

    public int Depth { get; } = depth;

    public abstract Value Evaluate(ref EvaluationContext context);

    protected static int MaxDepth(ExpressionNode[] nodes)
    {
        var max = 0;
        foreach (var node in nodes)
        {
            max = Math.Max(max, node.Depth);
        }

        return max;
    }
}
