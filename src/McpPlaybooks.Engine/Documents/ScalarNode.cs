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
    bool singleLine,
    IReadOnlyList<ScalarSegment>? segments = null) : DocumentNode(location, path)
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

    /// <summary>The source location of the character at <paramref name="offset"/> in <see cref="Text"/>.</summary>
    /// <remarks>
    /// Exact for single-line scalars and literal blocks (<c>|</c>). For folded blocks (<c>&gt;</c>) and
    /// multi-line flow scalars, whose line breaks were folded into spaces, it walks the source lines as
    /// YAML folds them; escapes in quoted scalars may shift it by a few columns on their line.
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

        if (singleLine || segments is not { Count: > 0 })
        {
            return contentStart.Offset(offset);
        }

        return Fold(segments, offset);
    }

    /// <summary>Maps an offset in folded text back to its line: one line break between two lines became a space.</summary>
    private static SourceLocation Fold(IReadOnlyList<ScalarSegment> segments, int offset)
    {
        var remaining = offset;
        var blankRun = 0;
        var last = segments[0];
        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                // The first blank line replaces the folding space with a line break; each further one adds a line break.
                if (blankRun++ > 0)
                {
                    remaining--;
                }

                continue;
            }

            blankRun = 0;
            last = segment;
            if (remaining <= segment.Length)
            {
                return segment.Start.Offset(Math.Max(0, remaining));
            }

            remaining -= segment.Length + 1;
        }

        return last.Start.Offset(last.Length);
    }

    public bool TryGetBoolean(out bool value)
    {
        value = Type == ScalarType.Boolean && Text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return Type == ScalarType.Boolean;
    }

    /// <summary>An integer too large or too small for 64 bits: a number, but no integer field can take it.</summary>
    public bool IsBeyondInt64 => Type == ScalarType.Integer && !TryGetInteger(out _);

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
            // Parsed unsigned: as a long, 0xFFFFFFFFFFFFFFFF would be -1.
            var fits = ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unsigned) && unsigned <= long.MaxValue;
            value = fits ? (long)unsigned : 0;
            return fits;
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

        if (IsBeyondInt64)
        {
            return TryGetHugeInteger(out value);
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

    /// <summary>An integer beyond 64 bits as the nearest double (decimal, 0x hexadecimal or 0o octal).</summary>
    private bool TryGetHugeInteger(out double value)
    {
        var negative = Text.StartsWith('-');
        var text = Text.TrimStart('+', '-');
        var (digits, radix) = text.StartsWith("0x", StringComparison.Ordinal) ? (text[2..], 16)
            : text.StartsWith("0o", StringComparison.Ordinal) ? (text[2..], 8)
            : (text, 10);
        if (radix == 10)
        {
            return double.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value); // Rounded to the nearest double.
        }

        var magnitude = System.Numerics.BigInteger.Zero;
        foreach (var digit in digits)
        {
            var d = char.IsAsciiDigit(digit) ? digit - '0' : char.IsAsciiHexDigit(digit) ? char.ToLowerInvariant(digit) - 'a' + 10 : radix;
            if (d >= radix)
            {
                value = 0;
                return false;
            }

            magnitude = (magnitude * radix) + d;
        }

        value = (double)(negative ? -magnitude : magnitude);
        return true;
    }
}
