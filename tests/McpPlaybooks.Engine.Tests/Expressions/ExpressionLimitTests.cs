using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Expressions;

public sealed class ExpressionLimitTests
{
    [Fact]
    public void Parse_TooLong_ThrowsAtFirstCharacterPastLimit()
    {
        var text = new string('a', ExpressionLimits.MaxLength + 1);

        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));

        Assert.Equal(ExpressionLimits.MaxLength + 1, error.Column);
        Assert.Equal("the expression is 4097 characters long; the limit is 4096", error.Detail);
    }

    [Fact]
    public void Parse_AtLengthLimit_Succeeds()
    {
        var text = new string('a', ExpressionLimits.MaxLength);

        var expression = Expression.Parse(text);

        Assert.Equal(text, Assert.Single(expression.References).Root);
    }

    [Fact]
    public void Parse_ParenthesesTooDeep_ThrowsAtOpeningParenthesis()
    {
        var text = new string('(', 64) + "1" + new string(')', 64);

        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));

        Assert.Equal(64, error.Column);
        Assert.Contains("nests deeper than 64 levels", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ParenthesesWithinLimit_Evaluates()
    {
        var text = new string('(', 63) + "1" + new string(')', 63);

        Assert.Equal(Value.From(1), Expression.Parse(text).Evaluate(new ExpressionScope()));
    }

    [Fact]
    public void Parse_ThousandsOfParentheses_ThrowsWithoutOverflow()
    {
        var text = new string('(', 2000) + "1" + new string(')', 2000);

        Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));
    }

    [Fact]
    public void Parse_NotTooDeep_Throws()
    {
        var text = new string('!', 100) + "true";

        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));

        Assert.Equal(64, error.Column);
    }

    [Fact]
    public void Parse_NestedCallsTooDeep_Throws()
    {
        var text = string.Concat(Enumerable.Repeat("lower(", 70)) + "'a'" + new string(')', 70);

        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));

        Assert.Contains("nests deeper than 64 levels", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ChainedEqualityTooTall_Throws()
    {
        var text = "true" + string.Concat(Enumerable.Repeat(" == true", 70));

        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(text));

        Assert.Contains("nests deeper than 64 levels", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WideOrChain_IsNotLimitedByDepth()
    {
        var text = string.Join(" || ", Enumerable.Repeat("false", 400)) + " || 'last'";

        Assert.Equal(Value.From("last"), Expression.Parse(text).Evaluate(new ExpressionScope()));
    }

    [Fact]
    public void Evaluate_ContainsOnHugeList_ExceedsStepLimit()
    {
        var data = Value.From(Enumerable.Range(0, 20_000).Select(i => Value.From(i)));

        var error = Assert.Throws<ExpressionEvaluationException>(() => TestScope.EvaluateWith("contains(data, -5)", data));

        Assert.Equal(1, error.Column);
        Assert.Contains($"more than {ExpressionLimits.MaxEvaluationSteps} steps", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ContainsOnModestList_StaysWithinStepLimit()
    {
        var data = Value.From(Enumerable.Range(0, 5_000).Select(i => Value.From(i)));

        Assert.Equal(Value.False, TestScope.EvaluateWith("contains(data, -5)", data));
        Assert.Equal(Value.True, TestScope.EvaluateWith("contains(data, 4999)", data));
    }

    [Fact]
    public void Evaluate_DeepEqualityOfHugeLists_ExceedsStepLimit()
    {
        var data = Value.From(Enumerable.Range(0, 20_000).Select(i => Value.From(i)));

        var error = Assert.Throws<ExpressionEvaluationException>(() => TestScope.EvaluateWith("data == data", data));

        Assert.Equal(6, error.Column);
    }

    [Fact]
    public void Evaluate_FromJsonTooLong_Throws()
    {
        var data = Value.From("[" + new string(' ', ExpressionLimits.MaxStringLength) + "]");

        var error = Assert.Throws<ExpressionEvaluationException>(() => TestScope.EvaluateWith("fromJson(data)", data));

        Assert.Contains("the text given to fromJson() is 1048578 characters long", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Evaluate_FromJsonNesting_IsBoundedByMaxDepth(int depth, bool succeeds)
    {
        var data = Value.From(new string('[', depth) + new string(']', depth));

        if (succeeds)
        {
            Assert.Equal(ValueKind.List, TestScope.EvaluateWith("fromJson(data)", data).Kind);
        }
        else
        {
            var error = Assert.Throws<ExpressionEvaluationException>(() => TestScope.EvaluateWith("fromJson(data)", data));
            Assert.Contains("not valid JSON", error.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_UpperResultLongerThanLimit_Throws()
    {
        var data = Value.From(new string('x', ExpressionLimits.MaxStringLength + 1));

        var error = Assert.Throws<ExpressionEvaluationException>(() => TestScope.EvaluateWith("upper(data)", data));

        Assert.Equal("the result of upper() is 1048577 characters long; the limit is 1048576", error.Detail);
    }

    [Fact]
    public void Evaluate_FormatResultLongerThanLimit_Throws()
    {
        var data = Value.From(new string('x', (ExpressionLimits.MaxStringLength / 2) + 1));

        var error = Assert.Throws<ExpressionEvaluationException>(() => TestScope.EvaluateWith("format('{0}{0}', data)", data));

        Assert.Equal("the result of format() is longer than 1048576 characters", error.Detail);
    }

    [Fact]
    public void Evaluate_ToJsonResultLongerThanLimit_Throws()
    {
        var half = Value.From(new string('x', ExpressionLimits.MaxStringLength / 2));

        var error = Assert.Throws<ExpressionEvaluationException>(() => TestScope.EvaluateWith("toJson(data)", Value.From([half, half])));

        Assert.StartsWith("the result of toJson() is longer than 1,048,576 characters (at least 1,048,583 as JSON)", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ResultLongerThanLimit_Throws()
    {
        var template = Template.Parse("a{{ data }}b{{ data }}");
        var scope = new ExpressionScope();
        scope.Add("data", Value.From(new string('x', (ExpressionLimits.MaxStringLength / 2) + 1)));

        var error = Assert.Throws<ExpressionEvaluationException>(() => template.Render(scope));

        Assert.Equal(16, error.Column);
    }

    [Fact]
    public void From_ValueNestedPastLimit_Throws()
    {
        var value = Value.Null;
        for (var i = 0; i < ExpressionLimits.MaxValueDepth; i++)
        {
            value = Value.From([value]);
        }

        Assert.Throws<ArgumentException>(() => Value.From([value]));
        Assert.Throws<ArgumentException>(() => Value.From([new KeyValuePair<string, Value>("a", value)]));
    }
}
