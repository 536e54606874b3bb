using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Expressions;

public sealed class ExpressionFunctionTests
{
    [Theory]
    [InlineData("contains('hello', 'ell')", "true")]
    [InlineData("contains('hello', 'L')", "false")]
    [InlineData("contains('hello', '')", "true")]
    [InlineData("contains(inputs.tags, 'a')", "true")]
    [InlineData("contains(inputs.tags, 'c')", "false")]
    [InlineData("contains(steps.check.output.items, '2')", "true")]
    [InlineData("contains(steps.check.output.items, 4)", "false")]
    [InlineData("contains(12345, 23)", "true")]
    [InlineData("contains(null, 'x')", "false")]
    [InlineData("contains(fromJson('[[1],[2]]'), fromJson('[2]'))", "true")]
    [InlineData("startsWith('hello', 'he')", "true")]
    [InlineData("startsWith('hello', 'He')", "false")]
    [InlineData("startsWith(inputs.service, '')", "true")]
    [InlineData("startsWith(vars.health_url, 'http://')", "true")]
    [InlineData("endsWith('hello', 'lo')", "true")]
    [InlineData("endsWith('hello', 'LO')", "false")]
    [InlineData("endsWith(200, '00')", "true")]
    [InlineData("length('abc')", "3")]
    [InlineData("length('')", "0")]
    [InlineData("length(inputs.tags)", "2")]
    [InlineData("length(steps.check.output)", "4")]
    [InlineData("length(fromJson('{}'))", "0")]
    [InlineData("lower('AbC')", "\"abc\"")]
    [InlineData("upper('abc')", "\"ABC\"")]
    [InlineData("lower(true)", "\"true\"")]
    [InlineData("upper(null)", "\"\"")]
    [InlineData("upper(default(inputs.none, 'n'))", "\"N\"")]
    [InlineData("toJson(inputs.tags)", "\"[\\\"a\\\",\\\"b\\\"]\"")]
    [InlineData("toJson('a')", "\"\\\"a\\\"\"")]
    [InlineData("toJson(null)", "\"null\"")]
    [InlineData("toJson(200)", "\"200\"")]
    [InlineData("toJson(0.5)", "\"0.5\"")]
    [InlineData("fromJson('{\"a\":[1,true,null]}')", "{\"a\":[1,true,null]}")]
    [InlineData("fromJson('5')", "5")]
    [InlineData("fromJson('\"s\"')", "\"s\"")]
    [InlineData("fromJson(vars.j).a", "1")]
    [InlineData("fromJson(toJson(inputs)) == inputs", "true")]
    [InlineData("format('{0} is {1}', 'a', 1)", "\"a is 1\"")]
    [InlineData("format('{1}-{0}', 'a', 'b')", "\"b-a\"")]
    [InlineData("format('{0}{0}', 'x')", "\"xx\"")]
    [InlineData("format('{{0}}', 1)", "\"{0}\"")]
    [InlineData("format('a}}b{{')", "\"a}b{\"")]
    [InlineData("format('{0}', null)", "\"\"")]
    [InlineData("format('[{0}]', true)", "\"[true]\"")]
    [InlineData("format('{0}', inputs.tags)", "\"[\\\"a\\\",\\\"b\\\"]\"")]
    [InlineData("format('no placeholders')", "\"no placeholders\"")]
    [InlineData("format(inputs.name)", "\"Web\"")]
    [InlineData("base64('admin:pa55')", "\"YWRtaW46cGE1NQ==\"")]
    [InlineData("base64('')", "\"\"")]
    [InlineData("base64('é')", "\"w6k=\"")]
    [InlineData("default(null, 'x')", "\"x\"")]
    [InlineData("default('', 'x')", "\"x\"")]
    [InlineData("default('a', 'x')", "\"a\"")]
    [InlineData("default(0, 'x')", "0")]
    [InlineData("default(false, 'x')", "false")]
    [InlineData("default(inputs.missing, 5)", "5")]
    [InlineData("default('a', missing.x)", "\"a\"")]
    [InlineData("length(format('{0}', inputs.service))", "3")]
    public void Evaluate_Function_ReturnsExpectedValue(string text, string expectedJson)
    {
        Assert.Equal(expectedJson, TestScope.Evaluate(text).ToJson());
    }

    [Theory]
    [InlineData("length(1)", 1, "length() needs a string, a list or an object, found a number")]
    [InlineData("x || length(null)", 6, "found a null")]
    [InlineData("fromJson('{bad')", 1, "fromJson() was given text that is not valid JSON")]
    [InlineData("fromJson('')", 1, "not valid JSON")]
    [InlineData("fromJson('[1,]')", 1, "not valid JSON")]
    [InlineData("format('{1}', 'a')", 1, "format(): placeholder {1} has no value; 1 value follows the format string")]
    [InlineData("format('{0}')", 1, "placeholder {0} has no value; 0 values follow")]
    [InlineData("format('{', 'a')", 1, "the '{' at position 1 of the format string must start a placeholder")]
    [InlineData("format('ab{x}', 'a')", 1, "the '{' at position 3")]
    [InlineData("format('a}', 'a')", 1, "the '}' at position 2 of the format string must be doubled as '}}'")]
    public void Evaluate_FunctionMisuse_ThrowsAtFunctionColumn(string text, int column, string detail)
    {
        var scope = new ExpressionScope(TestScope.Default);
        scope.Add("x", Value.False);

        var error = Assert.Throws<ExpressionEvaluationException>(() => Expression.Parse(text).Evaluate(scope));

        Assert.Equal(column, error.Column);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_ListsEveryFunction()
    {
        Assert.Equal(
            ["contains", "startsWith", "endsWith", "length", "lower", "upper", "toJson", "fromJson", "format", "base64", "default"],
            ExpressionFunctions.Names);
    }

    [Fact]
    public void Names_EachNameParsesAsAFunction()
    {
        foreach (var name in ExpressionFunctions.Names)
        {
            var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse($"{name}()"));
            Assert.StartsWith($"{name}() takes", error.Detail, StringComparison.Ordinal);
        }
    }
}
