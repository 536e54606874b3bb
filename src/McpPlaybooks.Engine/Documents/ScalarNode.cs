using System.Globalization;

namespace McpPlaybooks.Engine.Documents;

/// <summary>A scalar: its text as written, its core-schema type, and how to map a character of it back to the source.</summary>
public sealed class ScalarNode(
    SourceLocation location,
    string path,
    string text,
    ScalarType type,
    ScalarStyle style,
    SourceLocation contentStart,
    bool singleLine) : DocumentNode(location, path)
{
    public string Text { get; } = text;

    public ScalarType Type { get; } = type;

    public ScalarStyle Style { get; } = style;

    public override string KindName => Type switch
    {
        ScalarType.Null => "null",
        ScalarType.Boolean => "a boolean",
        ScalarType.Integer => "an integer",
        ScalarType.Float => "a number",
        _ => "a string",
    };

    public bool IsString => Type == ScalarType.String;

    public bool IsNumber => Type is ScalarType.Integer or ScalarType.Float;

    /// <summary>The source location of the character at <paramref name="offset"/> in <see cref="Text"/>.</summary>
    /// <remarks>
    /// Exact for single-line scalars and literal blocks (<c>|</c>); for folded or multi-line
    /// flow scalars, whose line breaks were folded away, a best effort on the first line.
    /// </remarks>
    public SourceLocation LocationOf(int offset)
    {
        if (!contentStart.IsKnown || offset < 0 || offset > Text.Length)
        {
            return Location;
        }

        if (Style == ScalarStyle.Literal)
        {
            var lineBreaks = 0;
            var lineStart = 0;
            for (var i = 0; i < offset; i++)
            {
                if (Text[i] == '\n')
                {
                    lineBreaks++;
                    lineStart = i + 1;
                }
            }

            return new SourceLocation(contentStart.Line + lineBreaks, contentStart.Column + (offset - lineStart));
        }

        if (singleLine || Text.IndexOf('\n', 0, offset) < 0)
        {
            return contentStart.Offset(offset);
        }

        return contentStart;
    }

    public bool TryGetBoolean(out bool value)
    {
        value = Type == ScalarType.Boolean && Text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return Type == ScalarType.Boolean;
    }

    public bool TryGetInteger(out long value)
    {
        value = 0;
        if (Type != ScalarType.Integer)
        {
            return false;
        }

        var text = Text.StartsWith('+') ? Text[1..] : Text;
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            try
            {
                value = Convert.ToInt64(text[2..], 8);
                return true;
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public bool TryGetNumber(out double value)
    {
        if (TryGetInteger(out var integer))
        {
            value = integer;
            return true;
        }

        value = 0;
        if (Type != ScalarType.Float)
        {
            return false;
        }

        var text = Text.TrimStart('+').ToLowerInvariant();
        switch (text)
        {
            case ".inf":
                value = double.PositiveInfinity;
                return true;
            case "-.inf":
                value = double.NegativeInfinity;
                return true;
            case ".nan":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
