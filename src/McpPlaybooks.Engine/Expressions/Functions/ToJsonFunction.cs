using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>toJson(x)</c>: compact JSON text; it holds the taint of what it was made of.</summary>
internal sealed class ToJsonFunction() : ExpressionFunction("toJson", 1, 1)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var value = arguments[0].Evaluate(ref context);
        return Value.From(value.ToJson(ExpressionLimits.MaxStringLength) ?? throw JsonLengths.TooLong("the result of toJson()", value, column))
            .WithTaint(value.CollectTaint());
    }
}
