using McpPlaybooks.Engine.Expressions.Values;

namespace McpPlaybooks.Engine.Expressions.Nodes;

/// <summary>The semantics of <c>==</c> and of <c>&lt; &lt;= &gt; &gt;=</c>.</summary>
internal static class ValueComparison
{
    /// <summary>
    /// Same kinds compare by value (strings ordinally, lists and objects deeply); a number equals a string
    /// that parses as the same invariant number; null equals null; other mixed kinds are not equal.
    /// Each list element or object property compared costs one step.
    /// </summary>
    public static bool LooseEquals(Value left, Value right, ref EvaluationContext context, int column)
    {
        switch (left)
        {
            case NumberValue number:
                return right switch
                {
                    NumberValue other => number.Number == other.Number,
                    StringValue text => NumberValue.TryParse(text.Text, out var parsed) && parsed == number.Number,
                    _ => false,
                };
            case StringValue text:
                return right switch
                {
                    StringValue other => string.Equals(text.Text, other.Text, StringComparison.Ordinal),
                    NumberValue number => NumberValue.TryParse(text.Text, out var parsed) && parsed == number.Number,
                    BooleanValue boolean => Condition.IsBooleanWord(text.Text) && text.IsTruthy == boolean.IsTruthy,
                    _ => false,
                };
            case NullValue:
                return right is NullValue;
            case BooleanValue:
                return right switch
                {
                    BooleanValue => left.IsTruthy == right.IsTruthy,
                    StringValue text => Condition.IsBooleanWord(text.Text) && text.IsTruthy == left.IsTruthy,
                    _ => false,
                };
            case ListValue list:
                return right is ListValue otherList && ListsEqual(list.Items, otherList.Items, ref context, column);
            case ObjectValue obj:
                return right is ObjectValue otherObject && ObjectsEqual(obj, otherObject, ref context, column);
            default:
                return false;
        }
    }

    /// <summary>
    /// Orders two numbers, two strings (ordinally), or a number and a numeric string; anything else fails.
    /// NaN compares false with everything.
    /// </summary>
    public static bool Compare(Value left, Value right, ComparisonOperator op, int column)
    {
        switch (left)
        {
            case NumberValue number when right is NumberValue other:
                return Apply(number.Number, other.Number, op);
            case StringValue text when right is StringValue other:
                return Apply(string.CompareOrdinal(text.Text, other.Text), 0, op);
            case NumberValue number when right is StringValue text:
                return Apply(number.Number, ParseOperand(text, left, right, op, column), op);
            case StringValue text when right is NumberValue number:
                return Apply(ParseOperand(text, left, right, op, column), number.Number, op);
            default:
                throw new ExpressionEvaluationException(
                    $"cannot compare {left.Kind.WithArticle()} with {right.Kind.WithArticle()} using '{op.ToSymbol()}'; "
                    + "only numbers and strings can be ordered",
                    column);
        }
    }

    private static double ParseOperand(StringValue text, Value left, Value right, ComparisonOperator op, int column) =>
        NumberValue.TryParse(text.Text, out var parsed)
            ? parsed
            : throw new ExpressionEvaluationException(
                $"cannot compare {left.Kind.WithArticle()} with {right.Kind.WithArticle()} using '{op.ToSymbol()}': "
                + $"'{Quoted(text)}' is not a number",
                column);

    private static bool Apply(double left, double right, ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => left < right,
        ComparisonOperator.LessOrEqual => left <= right,
        ComparisonOperator.Greater => left > right,
        _ => left >= right,
    };

    private static bool ListsEqual(Value[] left, Value[] right, ref EvaluationContext context, int column)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            context.Charge(1, column);
            if (!LooseEquals(left[i], right[i], ref context, column))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ObjectsEqual(ObjectValue left, ObjectValue right, ref EvaluationContext context, int column)
    {
        if (left.Entries.Length != right.Entries.Length)
        {
            return false;
        }

        foreach (var (key, value) in left.Entries)
        {
            context.Charge(1, column);
            if (!right.TryGetProperty(key, out var other) || !LooseEquals(value, other, ref context, column))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The operand as an error quotes it: a secret (or a text derived from one) as <c>***</c>, since the 40 characters kept
    /// of a longer one would no longer be recognised by the masker; any other text cut at 40 characters.
    /// </summary>
    private static string Quoted(StringValue text) =>
        text.IsTainted ? "***" : text.Text.Length <= 40 ? text.Text : string.Concat(text.Text.AsSpan(0, 40), "...");
}
