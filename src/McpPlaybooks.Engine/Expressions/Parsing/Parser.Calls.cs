using McpPlaybooks.Engine.Expressions.Nodes;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Expressions.Parsing;

/// <summary>Function calls, and the helpers that report errors.</summary>
internal sealed partial class Parser
{
    private ExpressionNode ParseCall(Token name)
    {
        if (!ExpressionFunctions.TryGet(name.Text!, out var function))
        {
            var suggestion = Suggestions.Closest(name.Text!, ExpressionFunctions.Names, name.Text!.Length <= 3 ? 1 : 2);
            var hint = suggestion is not null
                ? $": did you mean '{suggestion}'?"
                : $"; the functions are {string.Join(", ", ExpressionFunctions.Names)}";
            throw Error($"unknown function '{name.Text}'{hint}", name.Position);
        }

        var open = _current;
        Advance();
        List<ExpressionNode> arguments = [];
        if (_current.Kind != TokenKind.RightParen)
        {
            while (true)
            {
                arguments.Add(ParseExpression(open));
                if (_current.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }

                Expect(TokenKind.RightParen,
                    $"',' or ')' to close the '(' of {function.Name}() at column {_lexer.Column(open.Position)}");
                break;
            }
        }
        else
        {
            Advance();
        }

        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            throw Error(
                $"{function.Name}() takes {function.DescribeArity()}, found {arguments.Count}", name.Position);
        }

        return Checked(new FunctionCallNode(function, arguments.ToArray(), LocalColumn(name)), name);
    }

    private void Advance()
    {
        _previous = _current;
        _current = _lexer.Next();
    }

    private void Expect(TokenKind kind, string what)
    {
        if (_current.Kind != kind)
        {
            throw Error($"expected {what}, found {Describe(_current)}", _current.Position);
        }

        Advance();
    }

    /// <summary>Counts one level of nesting (a group, an index, a call, a '!') and refuses too many.</summary>
    private void Enter(Token token)
    {
        if (++_nesting > ExpressionLimits.MaxDepth)
        {
            throw TooDeep(token);
        }
    }

    /// <summary>Refuses a node whose subtree is taller than the limit, so evaluation never recurses deeply.</summary>
    private ExpressionNode Checked(ExpressionNode node, Token token) =>
        node.Depth <= ExpressionLimits.MaxDepth ? node : throw TooDeep(token);

    private ExpressionSyntaxException TooDeep(Token token) =>
        Error($"the expression nests deeper than {ExpressionLimits.MaxDepth} levels; split it into simpler parts", token.Position);

    private ExpressionSyntaxException Leftover() => _current.Kind switch
    {
        TokenKind.RightParen => Error("unexpected ')': there is no '(' to close", _current.Position),
        TokenKind.RightBracket => Error("unexpected ']': there is no '[' to close", _current.Position),
        TokenKind.LeftParen => Error(
            $"unexpected '(': only a function name can be called, as in length(x)", _current.Position),
        _ => Error($"expected an operator or the end of the expression, found {Describe(_current)}", _current.Position),
    };

    private ExpressionSyntaxException Error(string detail, int position) => _lexer.Error(detail, position);

    /// <summary>How a token is named in a message: its text in quotes, or "the end of the expression".</summary>
    private string Describe(Token token)
    {
        if (token.Kind == TokenKind.End)
        {
            return "the end of the expression";
        }

        var source = _text.AsSpan(token.Position, Math.Min(token.Length, 32));
        return token.Length > 32 ? $"'{source}...'" : $"'{source}'";
    }
}
