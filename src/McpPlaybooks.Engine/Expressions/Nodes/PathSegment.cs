using System.Globalization;
using McpPlaybooks.Engine.Expressions.Values;

namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary>One step of a property path: <c>.name</c>, <c>['name']</c>, <c>[0]</c>, or a dynamic <c>[expr]</c>.</summary>
internal sealed class PathSegment
{
    private PathSegment(string? key, int index, ExpressionNode? dynamic, int column)
    {
        Key = key;
        Index = index;
        Dynamic = dynamic;
        Column = column;
    }

    /// <summary>The constant property name, or a constant index as invariant text; null when dynamic.</summary>
    public string? Key { get; }

    /// <summary>The constant list index, or -1 when the segment is a name or dynamic.</summary>
    public int Index { get; }

    public ExpressionNode? Dynamic { get; }

    public int Column { get; }

    public static PathSegment ForName(string name, int column) => new(name, -1, null, column);

    /// <summary>A constant integer index; a negative one always yields null on a list.</summary>
    public static PathSegment ForIndex(int index, int column) =>
        new(index.ToString(CultureInfo.InvariantCulture), index >= 0 ? index : int.MaxValue, null, column);

    public static PathSegment ForExpression(ExpressionNode node, int column) => new(null, -1, node, column);

    /// <summary>Applies the segment. Access on null or a scalar, a missing key and an index out of range all yield null.</summary>
    public Value Apply(Value target, ref EvaluationContext context)
    {
        if (Dynamic is null)
        {
            if (Index >= 0 && target is ListValue list)
            {
                return Index < list.Items.Length ? list.Items[Index] : Value.Null;
            }

            target.TryGetProperty(Key!, out var property);
            return property;
        }

        var index = Dynamic.Evaluate(ref context);
        switch (index)
        {
            case StringValue text:
                target.TryGetProperty(text.Text, out var byName);
                return byName;
            case NumberValue number:
                return ApplyNumber(target, number);
            case NullValue:
                return Value.Null;
            default:
                return target is ListValue or ObjectValue
                    ? throw new ExpressionEvaluationException(
                        $"cannot index {target.Kind.WithArticle()} with {index.Kind.WithArticle()}; use a string or a number",
                        Column)
                    : Value.Null;
        }
    }

    private Value ApplyNumber(Value target, NumberValue number)
    {
        if (target is ListValue list)
        {
            var n = number.Number;
            if (double.IsNaN(n) || n != Math.Floor(n))
            {
                throw new ExpressionEvaluationException(
                    $"a list index must be an integer, found {number.ToDisplayString()}", Column);
            }

            return n >= 0 && n < list.Items.Length ? list.Items[(int)n] : Value.Null;
        }

        target.TryGetProperty(number.ToDisplayString(), out var byNumber);
        return byNumber;
    }
}
