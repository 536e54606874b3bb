using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Expressions;

public sealed class ExpressionSyntaxErrorTests
{
    [Theory]
    [InlineData("a == ", 6, "expected a value after '==', found the end of the expression")]
    [InlineData("(a", 3, "expected ')' to close the '(' at column 1, found the end of the expression")]
    [InlineData("a && (b || c", 13, "expected ')' to close the '(' at column 6")]
    [InlineData("'abc", 1, "unterminated string starting at column 1: expected a closing '")]
    [InlineData("a == 'abc", 6, "unterminated string starting at column 6")]
    [InlineData("a == \"abc", 6, "unterminated string starting at column 6: expected a closing \"")]
    [InlineData("a $ b", 3, "unexpected character '$'")]
    [InlineData("a = b", 3, "'=' is not an operator: did you mean '=='?")]
    [InlineData("a === b", 3, "'===' is not an operator: did you mean '=='?")]
    [InlineData("a !== b", 3, "'!==' is not an operator: did you mean '!='?")]
    [InlineData("a => b", 3, "'=>' is not an operator: did you mean '>='?")]
    [InlineData("a =< b", 3, "'=<' is not an operator: did you mean '<='?")]
    [InlineData("a & b", 3, "'&' is not an operator: did you mean '&&'?")]
    [InlineData("a | b", 3, "'|' is not an operator: did you mean '||'?")]
    [InlineData("a + b", 3, "unexpected character '+': expressions have no arithmetic")]
    [InlineData("a - b", 3, "unexpected character '-': expressions have no arithmetic")]
    [InlineData("{{ a }}", 1, "a bare expression is written without '{{ }}'")]
    [InlineData("a b", 3, "expected an operator or the end of the expression, found 'b'")]
    [InlineData("1 -1", 3, "expected an operator or the end of the expression, found '-1'")]
    [InlineData("a)", 2, "unexpected ')': there is no '(' to close")]
    [InlineData("a]", 2, "unexpected ']': there is no '[' to close")]
    [InlineData("(a)(b)", 4, "unexpected '(': only a function name can be called")]
    [InlineData("a.", 3, "expected a property name after '.', found the end of the expression")]
    [InlineData("a.0", 3, "expected a property name after '.', found '0': use [0] to index a list")]
    [InlineData("a.'b'", 3, "expected a property name after '.', found ''b''")]
    [InlineData("a[0", 4, "expected ']' to close the '[' at column 2, found the end of the expression")]
    [InlineData("a[]", 3, "expected a value after '[', found ']'")]
    [InlineData("a[1.5]", 3, "an index must be an integer, found 1.5")]
    [InlineData("a[true]", 3, "an index must be a string or a number, found true")]
    [InlineData("", 1, "expected an expression, found nothing")]
    [InlineData("   ", 1, "expected an expression, found nothing")]
    [InlineData("!", 2, "expected a value after '!', found the end of the expression")]
    [InlineData("()", 2, "expected a value after '(', found ')'")]
    [InlineData("a < > b", 5, "expected a value after '<', found '>'")]
    [InlineData("|| a", 1, "expected a value, found '||'")]
    [InlineData("1.", 3, "expected a digit after the decimal point in '1.'")]
    [InlineData("1.x", 3, "expected a digit after the decimal point")]
    [InlineData("1e", 3, "expected a digit in the exponent of '1e'")]
    [InlineData("1e+", 4, "expected a digit in the exponent of '1e+'")]
    [InlineData("1e999", 1, "the number '1e999' is too large")]
    [InlineData("12abc", 3, "unexpected character 'a' after the number '12'")]
    [InlineData("\"a\\qb\"", 3, "unknown escape '\\q' in a string")]
    [InlineData("a\u0001", 2, "unexpected character 'U+0001'")]
    [InlineData("x == \n  $", 9, "unexpected character '$'")]
    public void Parse_InvalidText_ReportsColumnAndDetail(string text, int column, string detail)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
        Assert.StartsWith($"Column {column}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lenght(x)", 1, "unknown function 'lenght': did you mean 'length'?")]
    [InlineData("a || Contains(x, 'y')", 6, "unknown function 'Contains': did you mean 'contains'?")]
    [InlineData("startswith('a', 'b')", 1, "did you mean 'startsWith'?")]
    [InlineData("fromjson('1')", 1, "did you mean 'fromJson'?")]
    [InlineData("defualt(a, b)", 1, "did you mean 'default'?")]
    [InlineData("lowr(a)", 1, "did you mean 'lower'?")]
    [InlineData("frobnicate(x)", 1, "unknown function 'frobnicate'; the functions are contains, startsWith")]
    [InlineData("inputs(x)", 1, "unknown function 'inputs'")]
    public void Parse_UnknownFunction_ReportsNameColumnAndSuggestion(string text, int column, string detail)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("length(a, b)", 1, "length() takes 1 argument, found 2")]
    [InlineData("length()", 1, "length() takes 1 argument, found 0")]
    [InlineData("x || contains('a')", 6, "contains() takes 2 arguments, found 1")]
    [InlineData("default(1, 2, 3)", 1, "default() takes 2 arguments, found 3")]
    [InlineData("format()", 1, "format() takes at least 1 argument, found 0")]
    [InlineData("toJson()", 1, "toJson() takes 1 argument, found 0")]
    public void Parse_WrongArgumentCount_ReportsArityAtName(string text, int column, string detail)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Equal(detail, error.Detail);
    }

    [Theory]
    [InlineData("contains(a b)", 12, "expected ',' or ')' to close the '(' of contains() at column 9, found 'b'")]
    [InlineData("format('x', ", 13, "expected a value after ',', found the end of the expression")]
    [InlineData("length(a", 9, "expected ',' or ')' to close the '(' of length() at column 7, found the end of the expression")]
    public void Parse_UnclosedCall_ReportsWhatWasExpected(string text, int column, string detail)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Equal(detail, error.Detail);
    }

    [Fact]
    public void TryParse_InvalidText_ReturnsFalseWithError()
    {
        var ok = Expression.TryParse("a ==", out var expression, out var error);

        Assert.False(ok);
        Assert.Null(expression);
        Assert.NotNull(error);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void TryParse_ValidText_ReturnsExpression()
    {
        var ok = Expression.TryParse(" inputs.force ", out var expression, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal(" inputs.force ", expression!.Text);
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Expression.Parse(null!));
    }
}
