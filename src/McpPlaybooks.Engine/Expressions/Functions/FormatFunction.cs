using System.Text;
using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary><c>format('{0} is {1}', a, b)</c>: placeholders take the values' display text; <c>{{</c> and <c>}}</c> are literal braces. The result holds the taint of its values (all of it, when the format string is secret).</summary>
internal sealed class FormatFunction() : ExpressionFunction("format", 1, int.MaxValue)
{
    public override Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column)
    {
        var format = EvaluateText(arguments[0], ref context, out var formatTaint);
        var values = new string[arguments.Length - 1];
        Taint? taint = null;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = EvaluateText(arguments[i + 1], ref context, out var valueTaint);
            taint = Taint.Union(taint, valueTaint);
        }

        var result = new StringBuilder(format.Length + (16 * values.Length));
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '{' && i + 1 < format.Length && format[i + 1] == '{')
            {
                result.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < format.Length && format[i + 1] == '}')
            {
                result.Append('}');
                i++;
            }
            else if (c == '{')
            {
                i = AppendPlaceholder(format, i, values, result, column);
            }
            else if (c == '}')
            {
                throw new ExpressionEvaluationException(
                    $"format(): the '}}' at position {i + 1} of the format string must be doubled as '}}}}'", column);
            }
            else
            {
                result.Append(c);
            }

            if (result.Length > ExpressionLimits.MaxStringLength)
            {
                throw new ExpressionEvaluationException(
                    $"the result of format() is longer than {ExpressionLimits.MaxStringLength} characters", column);
            }
        }

        var text = result.ToString();
        return Value.From(text).WithTaint(formatTaint is null ? taint : Taint.Union(taint, formatTaint.With(text)));
    }

    /// <summary>Appends the value of the placeholder opening at <paramref name="open"/>; returns the index of its '}'.</summary>
    private static int AppendPlaceholder(string format, int open, string[] values, StringBuilder result, int column)
    {
        var end = open + 1;
        var index = 0;
        while (end < format.Length && char.IsAsciiDigit(format[end]) && end - open <= 6)
        {
            index = (index * 10) + (format[end] - '0');
            end++;
        }

        if (end == open + 1 || end >= format.Length || format[end] != '}')
        {
            throw new ExpressionEvaluationException(
                $"format(): the '{{' at position {open + 1} of the format string must start a placeholder such as {{0}}, or be doubled as '{{{{'",
                column);
        }

        if (index >= values.Length)
        {
            var given = values.Length == 1 ? "1 value follows" : $"{values.Length} values follow";
            throw new ExpressionEvaluationException(
                $"format(): placeholder {{{index}}} has no value; {given} the format string", column);
        }

        result.Append(values[index]);
        return end;
    }
}
