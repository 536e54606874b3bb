using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Expressions;

public sealed class ExpressionReferenceTests
{
    /// <summary>Each reference formatted as <c>root[path/parts]@column</c>, in order.</summary>
    [Theory]
    [InlineData("steps.check.output.status != 200 || inputs.force", "steps[check/output/status]@1 inputs[force]@37")]
    [InlineData("inputs['service']", "inputs[service]@1")]
    [InlineData("inputs[\"service\"].x", "inputs[service/x]@1")]
    [InlineData("inputs[vars.x]", "inputs[]@1 vars[x]@8")]
    [InlineData("inputs[vars.x].y", "inputs[]@1 vars[x]@8")]
    [InlineData("inputs.a[vars.x].y", "inputs[a]@1 vars[x]@10")]
    [InlineData("item", "item[]@1")]
    [InlineData("  index", "index[]@3")]
    [InlineData("steps.a.output.items[0].name", "steps[a/output/items/0/name]@1")]
    [InlineData("steps.check-disk.output.free", "steps[check-disk/output/free]@1")]
    [InlineData("contains(inputs.tags, item)", "inputs[tags]@10 item[]@23")]
    [InlineData("fromJson(vars.j).a", "vars[j]@10")]
    [InlineData("inputs.x == inputs.x", "inputs[x]@1 inputs[x]@13")]
    [InlineData("inputs.true", "inputs[true]@1")]
    [InlineData("(vars).x", "vars[]@2")]
    [InlineData("!secrets.TOKEN && playbook.name", "secrets[TOKEN]@2 playbook[name]@19")]
    public void References_Expression_ListsEveryRootWithPathAndColumn(string text, string expected)
    {
        var expression = Expression.Parse(text);

        var actual = string.Join(" ", expression.References.Select(r => $"{r.Root}[{string.Join("/", r.Path)}]@{r.Column}"));

        Assert.Equal(expected, actual);
        Assert.False(expression.IsConstant);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1 == 1")]
    [InlineData("'a'")]
    [InlineData("length('abc') > 1")]
    [InlineData("fromJson('{\"a\":1}').a")]
    [InlineData("null")]
    public void IsConstant_NoRoot_IsTrue(string text)
    {
        var expression = Expression.Parse(text);

        Assert.True(expression.IsConstant);
        Assert.Empty(expression.References);
    }

    [Fact]
    public void References_InTemplate_AreRelativeToExpressionText()
    {
        var template = Template.Parse("{{ inputs.a }} and {{ vars.b }}");

        var second = template.Expressions[1];
        var reference = Assert.Single(second.Expression.References);

        Assert.Equal(22, second.Offset);
        Assert.Equal("vars", reference.Root);
        Assert.Equal(["b"], reference.Path);
        Assert.Equal(1, reference.Column);
        Assert.Equal('v', template.Text[second.Offset + reference.Column - 1]);
    }
}
