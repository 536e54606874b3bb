using System.Globalization;
using System.Text;

namespace McpPlaybooks.Engine.Expressions.Parsing;

/// <summary>
/// Splits expression text into tokens, one at a time, so that the first error by position is the one reported.
/// Columns in errors are <c>columnOffset + position + 1</c>, which lets a template report its own columns.
/// </summary>
internal sealed class Lexer(string text, int columnOffset)
{
    private int _position;

    public int Column(int position) => columnOffset + position + 1;

    public ExpressionSyntaxException Error(string detail, int position) => new(detail, Column(position));

    public Token Next()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        if (_position >= text.Length)
        {
            return new Token(TokenKind.End, text.Length, 0);
        }

        var start = _position;
        var c = text[start];
        if (IsIdentifierStart(c))
        {
            return ReadIdentifier(start);
        }

        if (char.IsAsciiDigit(c) || (c == '-' && start + 1 < text.Length && char.IsAsciiDigit(text[start + 1])))
        {
            return ReadNumber(start);
        }

        return c switch
        {
            '\'' => ReadSingleQuoted(start),
            '"' => ReadDoubleQuoted(start),
            '.' => Single(TokenKind.Dot),
            ',' => Single(TokenKind.Comma),
            '(' => Single(TokenKind.LeftParen),
            ')' => Single(TokenKind.RightParen),
            '[' => Single(TokenKind.LeftBracket),
            ']' => Single(TokenKind.RightBracket),
            '!' => Peek(1) == '=' ? Double(TokenKind.NotEqual, "!=") : Single(TokenKind.Not),
            '<' => Peek(1) == '=' ? Double(TokenKind.LessOrEqual, "<=") : Single(TokenKind.Less),
            '>' => Peek(1) == '=' ? Double(TokenKind.GreaterOrEqual, ">=") : Single(TokenKind.Greater),
            '=' => ReadEquals(start),
            '&' => Peek(1) == '&' ? Double(TokenKind.And, "&&") : throw NotAnOperator("&", "&&", start),
            '|' => Peek(1) == '|' ? Double(TokenKind.Or, "||") : throw NotAnOperator("|", "||", start),
            _ => throw Unexpected(start),
        };
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private char Peek(int ahead) => _position + ahead < text.Length ? text[_position + ahead] : '\0';

    private Token Single(TokenKind kind) => new(kind, _position++, 1);

    /// <summary>A two-character operator; a third '=' (as in '===' or '!==') is refused with a suggestion.</summary>
    private Token Double(TokenKind kind, string symbol)
    {
        var start = _position;
        _position += 2;
        if (kind is TokenKind.NotEqual && Peek(0) == '=')
        {
            throw NotAnOperator(symbol + "=", symbol, start);
        }

        return new Token(kind, start, 2);
    }

    private Token ReadEquals(int start) => Peek(1) switch
    {
        '=' when Peek(2) == '=' => throw NotAnOperator("===", "==", start),
        '=' => Double(TokenKind.Equal, "=="),
        '<' => throw NotAnOperator("=<", "<=", start),
        '>' => throw NotAnOperator("=>", ">=", start),
        _ => throw NotAnOperator("=", "==", start),
    };

    private Token ReadIdentifier(int start)
    {
        var end = start + 1;
        while (end < text.Length && IsIdentifierPart(text[end]))
        {
            end++;
        }

        _position = end;
        var name = text[start..end];
        var kind = name switch
        {
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            _ => TokenKind.Identifier,
        };
        return new Token(kind, start, end - start, name);
    }

    private Token ReadNumber(int start)
    {
        var end = start;
        if (text[end] == '-')
        {
            end++;
        }

        end = SkipDigits(end);
        if (end < text.Length && text[end] == '.')
        {
            if (end + 1 >= text.Length || !char.IsAsciiDigit(text[end + 1]))
            {
                throw Error($"expected a digit after the decimal point in '{text[start..(end + 1)]}'", end + 1);
            }

            end = SkipDigits(end + 1);
        }

        if (end < text.Length && text[end] is 'e' or 'E')
        {
            var exponent = end + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent >= text.Length || !char.IsAsciiDigit(text[exponent]))
            {
                throw Error($"expected a digit in the exponent of '{text[start..exponent]}'", exponent);
            }

            end = SkipDigits(exponent);
        }

        if (end < text.Length && IsIdentifierStart(text[end]))
        {
            throw Error($"unexpected character '{text[end]}' after the number '{text[start..end]}'", end);
        }

        var literal = text[start..end];
        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw Error($"the number '{literal}' is too large", start);
        }

        _position = end;
        return new Token(TokenKind.Number, start, end - start, literal, value);
    }

    private int SkipDigits(int position)
    {
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>'it''s': a doubled quote is a quote.</summary>
    private Token ReadSingleQuoted(int start)
    {
        StringBuilder? builder = null;
        var segment = start + 1;
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] != '\'')
            {
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '\'')
            {
                (builder ??= new StringBuilder()).Append(text, segment, i + 1 - segment);
                segment = i + 2;
                i++;
                continue;
            }

            _position = i + 1;
            var value = builder is null ? text[segment..i] : builder.Append(text, segment, i - segment).ToString();
            return new Token(TokenKind.String, start, _position - start, value);
        }

        throw Unterminated(start, '\'');
    }

    /// <summary>"say \"hi\"": backslash escapes \" \\ \n \r \t.</summary>
    private Token ReadDoubleQuoted(int start)
    {
        var builder = new StringBuilder();
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                _position = i + 1;
                return new Token(TokenKind.String, start, _position - start, builder.ToString());
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 >= text.Length)
            {
                break;
            }

            builder.Append(text[++i] switch
            {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => throw Error(
                    $"unknown escape '\\{text[i]}' in a string: use \\\" \\\\ \\n \\r or \\t, or a single-quoted string", i - 1),
            });
        }

        throw Unterminated(start, '"');
    }

    private ExpressionSyntaxException Unterminated(int start, char quote) =>
        Error($"unterminated string starting at column {Column(start)}: expected a closing {quote}", start);

    private ExpressionSyntaxException NotAnOperator(string found, string suggestion, int position) =>
        Error($"'{found}' is not an operator: did you mean '{suggestion}'?", position);

    private ExpressionSyntaxException Unexpected(int position)
    {
        var c = text[position];
        var shown = char.IsControl(c) || char.IsWhiteSpace(c)
            ? $"U+{(int)c:X4}"
            : char.IsSurrogate(c) && position + 1 < text.Length ? text.Substring(position, 2) : c.ToString();
        var hint = c switch
        {
            '+' or '-' or '*' or '/' or '%' => ": expressions have no arithmetic",
            '{' when Peek(1) == '{' => ": a bare expression is written without '{{ }}'",
            '}' when Peek(1) == '}' => ": a bare expression is written without '{{ }}'",
            _ => "",
        };
        return Error($"unexpected character '{shown}'{hint}", position);
    }
}
