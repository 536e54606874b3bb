using McpPlaybooks.Engine.Expressions.Functions;

namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary>A call of a built-in function; the function evaluates its arguments itself, so it can skip some.</summary>
internal sealed class FunctionCallNode(ExpressionFunction function, ExpressionNode[] arguments, int column)
    : ExpressionNode(column, MaxDepth(arguments) + 1)
{
    public ExpressionFunction Function { get; } = function;

    public override Value Evaluate(ref EvaluationContext context)
    {
        context.Step(Column);
        return Function.Invoke(arguments, ref context, Column);
    }
}
