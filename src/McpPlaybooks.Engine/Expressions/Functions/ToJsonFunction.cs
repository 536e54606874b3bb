using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>toJson(x)</c>: compact JSON text.</summary>
internal sealed class ToJsonFunction() : ExpressionFunction("toJson", 1, 1)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column) =>
        Value.From(EvaluationContext.CheckLength(
            arguments[0].Evaluate(ref context).ToJson(), column, "the result of toJson()"));
}
