namespace McpPlaybooks.Engine.Expressions.Parsing;

/// <summary>
/// Finds the <c>{{ expr }}</c> segments of a template. The closing <c>}}</c> is searched outside quoted
/// strings, so <c>{{ '}}' }}</c> is one segment. A lone <c>}}</c> outside a segment is literal text.
/// </summary>
internal static class TemplateScanner
{
    public static List<TemplateSegment> Scan(string text)
    {
        var segments = new List<TemplateSegment>();
        var position = 0;
        while (true)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                return segments;
            }

            var close = FindClose(text, open);
            var start = open + 2;
            var end = close;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            if (start == end)
            {
                throw new ExpressionSyntaxException(
                    "expected an expression between '{{' and '}}', found nothing", open + 1);
            }

            segments.Add(new TemplateSegment(open, start, end - start, close));
            position = close + 2;
        }
    }

    /// <summary>The index of the "}}" closing the "{{" at <paramref name="open"/>, skipping quoted strings.</summary>
    private static int FindClose(string text, int open)
    {
        var i = open + 2;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = SkipString(text, i);
                if (end < 0)
                {
                    throw new ExpressionSyntaxException(
                        $"unterminated string starting at column {i + 1}: expected a closing {c} "
                        + $"and then '}}}}' to close the '{{{{' at column {open + 1}",
                        i + 1);
                }

                i = end;
                continue;
            }

            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                return i;
            }

            i++;
        }

        throw new ExpressionSyntaxException(
            $"the '{{{{' at column {open + 1} is not closed: expected '}}}}'", open + 1);
    }

    /// <summary>The index just after the string opening at <paramref name="start"/>, or -1 when it is not closed.</summary>
    private static int SkipString(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '"' && c == '\\')
            {
                i++;
            }
            else if (c == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i++;
                }
                else
                {
                    return i + 1;
                }
            }
        }

        return -1;
    }
}
