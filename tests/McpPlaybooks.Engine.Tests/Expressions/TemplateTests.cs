using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Expressions;

public sealed class TemplateTests
{
    [Theory]
    [InlineData("{{ steps.check.output.status }}", ValueKind.Number, "200")]
    [InlineData("{{steps.check.output.status}}", ValueKind.Number, "200")]
    [InlineData("  {{ inputs.tags }}  ", ValueKind.List, "[\"a\",\"b\"]")]
    [InlineData("{{ inputs.force }}", ValueKind.Boolean, "false")]
    [InlineData("{{ steps.check.output.json }}", ValueKind.Object, "{\"a\":{\"b\":1}}")]
    [InlineData("{{ nothing }}", ValueKind.Null, "null")]
    [InlineData("{{ inputs.service }}", ValueKind.String, "\"api\"")]
    public void Render_SingleExpression_KeepsValueType(string text, ValueKind kind, string expectedJson)
    {
        var template = Template.Parse(text);

        var value = template.Render(TestScope.Default);

        Assert.True(template.IsSingleExpression);
        Assert.Equal(kind, value.Kind);
        Assert.Equal(expectedJson, value.ToJson());
    }

    [Theory]
    [InlineData("n={{ 1 }}", "n=1")]
    [InlineData("{{ 1 }}{{ 2 }}", "12")]
    [InlineData("{{ 0.5 }}/{{ 200 }}", "0.5/200")]
    [InlineData("Restart {{ inputs.service }}?", "Restart api?")]
    [InlineData("x{{ nothing }}y", "xy")]
    [InlineData("force={{ inputs.force }}", "force=false")]
    [InlineData("obj={{ steps.check.output.json }}", "obj={\"a\":{\"b\":1}}")]
    [InlineData("tags: {{ inputs.tags }}", "tags: [\"a\",\"b\"]")]
    [InlineData("{{ '{{' }} literal", "{{ literal")]
    [InlineData("a {{ '}}' }} b", "a }} b")]
    [InlineData("{{ \"}}\" }}!", "}}!")]
    [InlineData("{{ format('{0}!', inputs.service) }} ok", "api! ok")]
    [InlineData("{{ format('{{0}}') }} ok", "{0} ok")]
    [InlineData("{ \"a\": {{ 1 }} }", "{ \"a\": 1 }")]
    [InlineData("{{ steps.check.output.status == 200 }}/{{ vars.health_url }}", "true/http://127.0.0.1:8080/health")]
    [InlineData("multi\nline {{ inputs.count }}\n", "multi\nline 3\n")]
    public void Render_MixedText_ConcatenatesDisplayStrings(string text, string expected)
    {
        var template = Template.Parse(text);

        var value = template.Render(TestScope.Default);

        Assert.False(template.IsSingleExpression);
        Assert.Equal(ValueKind.String, value.Kind);
        Assert.Equal(expected, value.AsString());
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("a }} b")]
    [InlineData("{ \"json\": {\"x\": 1}}")]
    [InlineData("a { b } c")]
    [InlineData("")]
    public void Render_NoExpressions_ReturnsTextAsIs(string text)
    {
        var template = Template.Parse(text);

        Assert.False(template.HasExpressions);
        Assert.False(template.IsSingleExpression);
        Assert.Empty(template.Expressions);
        Assert.Equal(text, template.Render(TestScope.Default).AsString());
    }

    [Fact]
    public void Parse_Expressions_ReportsOffsetsAndTrimmedText()
    {
        var template = Template.Parse("ab {{  x.y }} and {{z}}");

        Assert.True(template.HasExpressions);
        Assert.Collection(
            template.Expressions,
            first =>
            {
                Assert.Equal(7, first.Offset);
                Assert.Equal("x.y", first.Expression.Text);
            },
            second =>
            {
                Assert.Equal(20, second.Offset);
                Assert.Equal("z", second.Expression.Text);
            });
    }

    [Theory]
    [InlineData("abc {{ x", 5, "the '{{' at column 5 is not closed: expected '}}'")]
    [InlineData("{{ x }} {{ y", 9, "the '{{' at column 9 is not closed")]
    [InlineData("{{ x } }", 1, "the '{{' at column 1 is not closed")]
    [InlineData("{{ }}", 1, "expected an expression between '{{' and '}}', found nothing")]
    [InlineData("a {{}} b", 3, "expected an expression between '{{' and '}}'")]
    [InlineData("{{ 'abc }}", 4, "unterminated string starting at column 4")]
    [InlineData("ab {{ a == }}", 11, "expected a value after '==', found the end of the expression")]
    [InlineData("x {{ a $ b }}", 8, "unexpected character '$'")]
    [InlineData("{{ (a }}", 6, "expected ')' to close the '(' at column 4")]
    [InlineData("Restart {{ lenght(inputs.x) }}", 12, "did you mean 'length'?")]
    [InlineData("{{ a }} and {{ b c }}", 18, "expected an operator or the end of the expression, found 'c'")]
    public void Parse_InvalidTemplate_ReportsColumnInTemplateText(string text, int column, string detail)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => Template.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x {{ 1 < 'a' }}", 8)]
    [InlineData("{{ missing }}", 4)]
    [InlineData("{{ length(1) }} and more", 4)]
    public void Render_EvaluationError_ReportsColumnInTemplateText(string text, int column)
    {
        var template = Template.Parse(text);

        var error = Assert.Throws<ExpressionEvaluationException>(() => template.Render(TestScope.Default));

        Assert.Equal(column, error.Column);
        Assert.IsType<ExpressionEvaluationException>(error.InnerException);
    }

    [Fact]
    public void TryParse_InvalidTemplate_ReturnsFalseWithError()
    {
        var ok = Template.TryParse("x {{ y", out var template, out var error);

        Assert.False(ok);
        Assert.Null(template);
        Assert.Equal(3, error!.Column);
    }

    [Fact]
    public void TryParse_ValidTemplate_KeepsText()
    {
        var ok = Template.TryParse("url: {{ vars.health_url }}", out var template, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal("url: {{ vars.health_url }}", template!.Text);
        Assert.Equal("url: http://127.0.0.1:8080/health", template.Render(TestScope.Default).AsString());
    }
}
