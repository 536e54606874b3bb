using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Expressions;

/// <summary>Semantics, as expression text and the expected value's JSON.</summary>
public sealed class ExpressionEvaluationTests
{
    [Theory]
    [InlineData("123", "123")]
    [InlineData("1.5", "1.5")]
    [InlineData("-1", "-1")]
    [InlineData("1e3", "1000")]
    [InlineData("-2.5e-1", "-0.25")]
    [InlineData("007", "7")]
    [InlineData("'it''s'", "\"it's\"")]
    [InlineData("''", "\"\"")]
    [InlineData(@"'a\b'", @"""a\\b""")]
    [InlineData(@"""say \""hi\""""", @"""say \""hi\""""")]
    [InlineData(@"""back\\slash""", @"""back\\slash""")]
    [InlineData(@"""tab\there""", @"""tab\there""")]
    [InlineData("\"it's\"", "\"it's\"")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", "null")]
    public void Evaluate_Literal_ReturnsValue(string text, string expectedJson)
    {
        Assert.Equal(expectedJson, TestScope.Evaluate(text).ToJson());
    }

    [Theory]
    [InlineData("inputs.service", "\"api\"")]
    [InlineData("inputs['service']", "\"api\"")]
    [InlineData("inputs[\"service\"]", "\"api\"")]
    [InlineData("  inputs . service  ", "\"api\"")]
    [InlineData("steps.check.output.status", "200")]
    [InlineData("steps['check'].output['status']", "200")]
    [InlineData("steps.check-disk.output.free", "10")]
    [InlineData("steps.check.output.items[0]", "1")]
    [InlineData("steps.check.output.items[2]", "3")]
    [InlineData("steps.check.output.items[3]", "null")]
    [InlineData("steps.check.output.items[-1]", "null")]
    [InlineData("steps.check.output.items[vars.idx]", "2")]
    [InlineData("steps.check.output.items['0']", "null")]
    [InlineData("inputs[vars.key]", "\"api\"")]
    [InlineData("inputs[inputs.missing]", "null")]
    [InlineData("steps.missing.output.status", "null")]
    [InlineData("inputs.service.length", "null")]
    [InlineData("nothing.x.y", "null")]
    [InlineData("inputs.count.x", "null")]
    [InlineData("inputs.service[0]", "null")]
    [InlineData("steps.check.output.json.a.b", "1")]
    [InlineData("steps.check.output.json['a']['b']", "1")]
    [InlineData("steps.check.output.items", "[1,2,3]")]
    [InlineData("(inputs).service", "\"api\"")]
    [InlineData("fromJson('[1,2]')[1]", "2")]
    [InlineData("fromJson('{\"0\":\"z\"}')[0]", "\"z\"")]
    [InlineData("fromJson('{\"true\":1}').true", "1")]
    [InlineData("'abc'[0]", "null")]
    [InlineData("item", "\"x\"")]
    [InlineData("index", "0")]
    [InlineData("nothing", "null")]
    public void Evaluate_PropertyAccess_ReturnsValueOrNull(string text, string expectedJson)
    {
        Assert.Equal(expectedJson, TestScope.Evaluate(text).ToJson());
    }

    [Theory]
    [InlineData("1 == 1", true)]
    [InlineData("1 == 2", false)]
    [InlineData("1.0 == 1", true)]
    [InlineData("'a' == 'a'", true)]
    [InlineData("'a' == 'A'", false)]
    [InlineData("1 == '1'", true)]
    [InlineData("'1.0' == 1", true)]
    [InlineData("200 == '2e2'", true)]
    [InlineData("'abc' == 0", false)]
    [InlineData("'' == 0", false)]
    [InlineData("' 1' == 1", false)]
    [InlineData("null == null", true)]
    [InlineData("nothing == null", true)]
    [InlineData("inputs.missing == null", true)]
    [InlineData("null == false", false)]
    [InlineData("null == 0", false)]
    [InlineData("null == ''", false)]
    [InlineData("true == 'true'", true)] // a boolean and the text it renders to, as 1 == '1'
    [InlineData("'False ' == false", true)]
    [InlineData("'false' == true", false)]
    [InlineData("true == 'yes'", false)]
    [InlineData("false == ''", false)]
    [InlineData("true == 1", false)]
    [InlineData("true == true", true)]
    [InlineData("1 != 2", true)]
    [InlineData("'a' != 'a'", false)]
    [InlineData("inputs.tags == fromJson('[\"a\",\"b\"]')", true)]
    [InlineData("inputs.tags == fromJson('[\"b\",\"a\"]')", false)]
    [InlineData("inputs.tags == fromJson('[\"a\"]')", false)]
    [InlineData("fromJson('{\"a\":1,\"b\":2}') == fromJson('{\"b\":2,\"a\":1}')", true)]
    [InlineData("fromJson('{\"a\":1}') == fromJson('{\"a\":2}')", false)]
    [InlineData("fromJson('{\"a\":1}') == fromJson('{\"b\":1}')", false)]
    [InlineData("fromJson('[]') == fromJson('{}')", false)]
    [InlineData("steps.check.output.status != 200 || inputs.force", false)]
    [InlineData("steps.check.output.status == '200'", true)]
    public void Evaluate_Equality_FollowsLooseRules(string text, bool expected)
    {
        Assert.Equal(Value.From(expected), TestScope.Evaluate(text));
    }

    [Theory]
    [InlineData("1 < 2", true)]
    [InlineData("2 < 2", false)]
    [InlineData("2 <= 2", true)]
    [InlineData("3 > 2", true)]
    [InlineData("2 >= 3", false)]
    [InlineData("-1 < 0", true)]
    [InlineData("'a' < 'b'", true)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("'10' < '9'", true)]
    [InlineData("'abc' >= 'abc'", true)]
    [InlineData("10 > '9'", true)]
    [InlineData("'2' < 10", true)]
    [InlineData("steps.check.output.status >= 200", true)]
    [InlineData("inputs.count > 5", false)]
    public void Evaluate_Comparison_OrdersNumbersAndStrings(string text, bool expected)
    {
        Assert.Equal(Value.From(expected), TestScope.Evaluate(text));
    }

    [Theory]
    [InlineData("true && false", "false")]
    [InlineData("true && 'x'", "\"x\"")]
    [InlineData("0 && 'x'", "0")]
    [InlineData("'a' && 'b' && 'c'", "\"c\"")]
    [InlineData("'a' && '' && 'c'", "\"\"")]
    [InlineData("'' || 'x'", "\"x\"")]
    [InlineData("inputs.service || 'x'", "\"api\"")]
    [InlineData("inputs.missing || 'fallback'", "\"fallback\"")]
    [InlineData("null || null", "null")]
    [InlineData("false || 0", "0")]
    [InlineData("false || 0 || 'z'", "\"z\"")]
    [InlineData("!true", "false")]
    [InlineData("!0", "true")]
    [InlineData("!''", "true")]
    [InlineData("!'a'", "false")]
    [InlineData("!null", "true")]
    [InlineData("!!inputs.tags", "true")]
    [InlineData("!fromJson('[]')", "false")]
    [InlineData("!fromJson('{}')", "false")]
    [InlineData("! ! ! true", "false")]
    public void Evaluate_Logical_ReturnsOperandOrBoolean(string text, string expectedJson)
    {
        Assert.Equal(expectedJson, TestScope.Evaluate(text).ToJson());
    }

    [Theory]
    [InlineData("true || false && false", true)]
    [InlineData("(true || false) && false", false)]
    [InlineData("1 == 1 && 2 == 2", true)]
    [InlineData("!false == true", true)]
    [InlineData("1 < 2 == true", true)]
    [InlineData("1 == 1 == true", true)]
    [InlineData("false && missing.x", false)]
    [InlineData("true || missing.x", true)]
    [InlineData("inputs.force ||\n  inputs.count == 3", true)]
    [InlineData("((((inputs.count))) == ((3)))", true)]
    public void Evaluate_Precedence_GroupsAsDocumented(string text, bool expected)
    {
        Assert.Equal(expected, TestScope.Evaluate(text).IsTruthy);
    }

    [Theory]
    [InlineData("inputs.tags < 1", 13, "cannot compare a list with a number using '<'")]
    [InlineData("1 < 'abc'", 3, "cannot compare a number with a string using '<': 'abc' is not a number")]
    [InlineData("'abc' > 1", 7, "'abc' is not a number")]
    [InlineData("null >= 0", 6, "cannot compare a null with a number using '>='")]
    [InlineData("true > false", 6, "cannot compare a boolean with a boolean using '>'")]
    [InlineData("  fromJson('{}') <= 'a'", 18, "cannot compare an object with a string using '<='")]
    [InlineData("missing.x", 1, "'missing' is not defined here")]
    [InlineData("inputs.force || missing", 17, "'missing' is not defined here")]
    [InlineData("inputs.tags[vars.half]", 12, "a list index must be an integer, found 0.5")]
    [InlineData("inputs.tags[inputs.force]", 12, "cannot index a list with a boolean; use a string or a number")]
    [InlineData("inputs[inputs.tags]", 7, "cannot index an object with a list")]
    public void Evaluate_InvalidOperation_ThrowsWithColumn(string text, int column, string detail)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => TestScope.Evaluate(text));

        Assert.Equal(column, error.Column);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SameExpressionTwice_ReturnsSameResult()
    {
        var expression = Expression.Parse("steps.check.output.status != 200 || inputs.force");

        Assert.Equal(Value.False, expression.Evaluate(TestScope.Default));
        Assert.Equal(Value.False, expression.Evaluate(TestScope.Default));
    }

    [Fact]
    public void Evaluate_DifferentScopes_UsesEachScope()
    {
        var expression = Expression.Parse("inputs.force || item == 'go'");
        var forced = new ExpressionScope();
        forced.Add("inputs", TestScope.ParseJson("""{"force": true}"""));
        var item = new ExpressionScope(TestScope.Default);
        item.Set("item", Value.From("go"));

        Assert.Equal(Value.True, expression.Evaluate(forced));
        Assert.Equal(Value.True, expression.Evaluate(item));
        Assert.Equal(Value.False, expression.Evaluate(TestScope.Default));
    }

    [Fact]
    public void Evaluate_TypicalCondition_DoesNotAllocate()
    {
        var expression = Expression.Parse("steps.check.output.status != 200 || inputs.force");
        var scope = TestScope.Default;
        expression.Evaluate(scope);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            expression.Evaluate(scope);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Evaluate_NullScope_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Expression.Parse("1").Evaluate(null!));
    }
}
