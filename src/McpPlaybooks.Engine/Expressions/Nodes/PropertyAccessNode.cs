namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary>A chain of property and index accesses on a target, evaluated in one loop: <c>steps.check.output.status</c>.</summary>
internal sealed class PropertyAccessNode(ExpressionNode target, PathSegment[] segments, int column)
    : ExpressionNode(column, ComputeDepth(target, segments))
{
    public ExpressionNode Target { get; } = target;

    public override Value Evaluate(ref EvaluationContext context)
    {
        context.Step(Column);
        var value = Target.Evaluate(ref context);
        foreach (var segment in segments)
        {
            value = segment.Apply(value, ref context);
        }

        return value;
    }

    private static int ComputeDepth(ExpressionNode target, PathSegment[] segments)
    {
        var max = target.Depth;
        foreach (var segment in segments)
        {
            if (segment.Dynamic is not null)
            {
                max = Math.Max(max, segment.Dynamic.Depth);
            }
        }

        return max + 1;
    }
}
