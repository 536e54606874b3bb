using McpPlaybooks.Engine.Expressions.Nodes;
using McpPlaybooks.Engine.Expressions.Values;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>length(x)</c>: the characters (UTF-16 code units) of a string, the items of a list, the properties of an object.</summary>
internal sealed class LengthFunction() : ExpressionFunction("length", 1, 1)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var value = arguments[0].Evaluate(ref context);
        return value switch
        {
            StringValue text => Value.From(text.Text.Length),
            ListValue list => Value.From(list.Items.Length),
            ObjectValue obj => Value.From(obj.Entries.Length),
            _ => throw new ExpressionEvaluationException(
                $"length() needs a string, a list or an object, found {value.Kind.WithArticle()}", column),
        };
    }
}
