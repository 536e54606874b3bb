using McpPlaybooks.Engine.Expressions.Nodes;
using McpPlaybooks.Engine.Expressions.Values;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>default(a, b)</c>: a, unless a is null or "", then b (evaluated only then).</summary>
internal sealed class DefaultFunction() : ExpressionFunction("default", 2, 2)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var value = arguments[0].Evaluate(ref context);
        return value is NullValue || (value is StringValue text && text.Text.Length == 0)
            ? arguments[1].Evaluate(ref context)
            : value;
    }
}
