using McpPlaybooks.Engine.Expressions.Nodes;
using McpPlaybooks.Engine.Expressions.Values;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>contains(haystack, needle)</c>: a list holds an element equal to the needle (as <c>==</c>), or a text holds a substring (ordinal).</summary>
internal sealed class ContainsFunction() : ExpressionFunction("contains", 2, 2)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var haystack = arguments[0].Evaluate(ref context);
        var needle = arguments[1].Evaluate(ref context);
        if (haystack is ListValue list)
        {
            foreach (var item in list.Items)
            {
                context.Charge(1, column);
                if (ValueComparison.LooseEquals(item, needle, ref context, column))
                {
                    return Value.True;
                }
            }

            return Value.False;
        }

        return Value.From(JsonLengths.At(haystack.ToDisplayString, column).Contains(JsonLengths.At(needle.ToDisplayString, column), StringComparison.Ordinal));
    }
}
