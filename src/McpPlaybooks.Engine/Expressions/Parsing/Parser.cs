using McpPlaybooks.Engine.Expressions.Nodes;
using McpPlaybooks.Engine.Expressions.Values;

namespace McpPlaybooks.Engine.Expressions.Parsing;

/// <summary>
/// A recursive-descent parser. Precedence, low to high: <c>||</c>, <c>&amp;&amp;</c>, <c>== !=</c>,
/// <c>&lt; &lt;= &gt; &gt;=</c>, unary <c>!</c>, then primaries with <c>.name</c> and <c>[index]</c>.
/// Recursion is bounded by <see cref="ExpressionLimits.MaxDepth"/>, and so is the height of the tree.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _text;
    private readonly Lexer _lexer;
    private readonly int _columnOffset;
    private readonly List<ExpressionReference> _references = [];
    private Token _current;
    private Token _previous;
    private int _nesting;

    private Parser(string text, int columnOffset)
    {
        _text = text;
        _columnOffset = columnOffset;
        _lexer = new Lexer(text, columnOffset);
    }

    /// <summary>
    /// Parses an expression. Error columns are <paramref name="columnOffset"/> plus the 1-based column in
    /// <paramref name="text"/>; columns in the tree and the references are always relative to <paramref name="text"/>.
    /// </summary>
    public static ParseResult Parse(string text, int columnOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text, columnOffset);
        if (text.Length > ExpressionLimits.MaxLength)
        {
            throw parser.Error(
                $"the expression is {text.Length} characters long; the limit is {ExpressionLimits.MaxLength}",
                ExpressionLimits.MaxLength);
        }

        parser.Advance();
        if (parser._current.Kind == TokenKind.End)
        {
            throw parser.Error("expected an expression, found nothing", 0);
        }

        var root = parser.ParseExpression(parser._current);
        if (parser._current.Kind != TokenKind.End)
        {
            throw parser.Leftover();
        }

        parser._references.Sort((a, b) => a.Column.CompareTo(b.Column));
        return new ParseResult(root, parser._references.ToArray());
    }

    private static int LocalColumn(Token token) => token.Position + 1;

    /// <summary>Parses a full expression nested one level deeper; <paramref name="opener"/> is the '(', '[' or first token that opens it.</summary>
    private ExpressionNode ParseExpression(Token opener)
    {
        Enter(opener);
        var node = ParseOr();
        _nesting--;
        return node;
    }

    private ExpressionNode ParseOr()
    {
        var first = ParseAnd();
        if (_current.Kind != TokenKind.Or)
        {
            return first;
        }

        var op = _current;
        List<ExpressionNode> operands = [first];
        while (_current.Kind == TokenKind.Or)
        {
            Advance();
            operands.Add(ParseAnd());
        }

        return Checked(new OrNode(operands.ToArray(), LocalColumn(op)), op);
    }

    private ExpressionNode ParseAnd()
    {
        var first = ParseEquality();
        if (_current.Kind != TokenKind.And)
        {
            return first;
        }

        var op = _current;
        List<ExpressionNode> operands = [first];
        while (_current.Kind == TokenKind.And)
        {
            Advance();
            operands.Add(ParseEquality());
        }

        return Checked(new AndNode(operands.ToArray(), LocalColumn(op)), op);
    }

    private ExpressionNode ParseEquality()
    {
        var left = ParseComparison();
        while (_current.Kind is TokenKind.Equal or TokenKind.NotEqual)
        {
            var op = _current;
            Advance();
            var right = ParseComparison();
            left = Checked(new EqualityNode(left, right, op.Kind == TokenKind.NotEqual, LocalColumn(op)), op);
        }

        return left;
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseUnary();
        while (TryGetComparison(_current.Kind, out var comparison))
        {
            var op = _current;
            Advance();
            var right = ParseUnary();
            left = Checked(new ComparisonNode(left, right, comparison, LocalColumn(op)), op);
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (_current.Kind != TokenKind.Not)
        {
            return ParsePostfix();
        }

        var op = _current;
        Enter(op);
        Advance();
        var operand = ParseUnary();
        _nesting--;
        return Checked(new NotNode(operand, LocalColumn(op)), op);
    }

    private ExpressionNode ParsePostfix()
    {
        var start = _current;
        var target = ParsePrimary();

        // A root written as a name (not "(name)") is a reference; its path is the constant part of the chain.
        var root = start.Kind == TokenKind.Identifier ? target as RootNode : null;
        List<PathSegment> segments = [];
        while (_current.Kind is TokenKind.Dot or TokenKind.LeftBracket)
        {
            segments.Add(_current.Kind == TokenKind.Dot ? ParseMember() : ParseIndex());
        }

        if (root is not null)
        {
            var path = segments.TakeWhile(s => s.Key is not null).Select(s => s.Key!).ToArray();
            _references.Add(new ExpressionReference(root.Name, path, root.Column));
        }

        if (segments.Count == 0)
        {
            return target;
        }

        return Checked(new PropertyAccessNode(target, segments.ToArray(), LocalColumn(start)), start);
    }

    private PathSegment ParseMember()
    {
        Advance();
        var name = _current;
        if (name.Kind is TokenKind.Identifier or TokenKind.True or TokenKind.False or TokenKind.Null)
        {
            Advance();
            return PathSegment.ForName(name.Text!, LocalColumn(name));
        }

        var hint = name.Kind == TokenKind.Number ? $": use [{Describe(name).Trim('\'')}] to index a list" : "";
        throw Error($"expected a property name after '.', found {Describe(name)}{hint}", name.Position);
    }

    private PathSegment ParseIndex()
    {
        var open = _current;
        Advance();
        var index = ParseExpression(open);
        Expect(TokenKind.RightBracket, $"']' to close the '[' at column {_lexer.Column(open.Position)}");
        if (index is not LiteralNode literal)
        {
            return PathSegment.ForExpression(index, LocalColumn(open));
        }

        switch (literal.Value)
        {
            case StringValue text:
                return PathSegment.ForName(text.Text, LocalColumn(open));
            case NumberValue number when NumberValue.TryGetInt32(number.Number, out var integer):
                return PathSegment.ForIndex(integer, LocalColumn(open));
            case NumberValue number:
                throw Error($"an index must be an integer, found {number.ToDisplayString()}", literal.Column - 1);
            default:
                throw Error(
                    $"an index must be a string or a number, found {literal.Value.ToDisplayString()}", literal.Column - 1);
        }
    }

    private ExpressionNode ParsePrimary()
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(Value.From(token.Number), LocalColumn(token));
            case TokenKind.String:
                Advance();
                return new LiteralNode(Value.From(token.Text), LocalColumn(token));
            case TokenKind.True:
            case TokenKind.False:
                Advance();
                return new LiteralNode(Value.From(token.Kind == TokenKind.True), LocalColumn(token));
            case TokenKind.Null:
                Advance();
                return new LiteralNode(Value.Null, LocalColumn(token));
            case TokenKind.Identifier:
                Advance();
                return _current.Kind == TokenKind.LeftParen
                    ? ParseCall(token)
                    : new RootNode(token.Text!, LocalColumn(token));
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression(token);
                Expect(TokenKind.RightParen, $"')' to close the '(' at column {_lexer.Column(token.Position)}");
                return inner;
            default:
                var after = _previous.Kind == TokenKind.None ? "" : $" after {Describe(_previous)}";
                throw Error($"expected a value{after}, found {Describe(token)}", token.Position);
        }
    }

    private static bool TryGetComparison(TokenKind kind, out ComparisonOperator comparison)
    {
        comparison = kind switch
        {
            TokenKind.Less => ComparisonOperator.Less,
            TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
            TokenKind.Greater => ComparisonOperator.Greater,
            TokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
            _ => (ComparisonOperator)(-1),
        };
        return comparison >= 0;
    }
}
