using McpPlaybooks.Server.Mcp.Prompts;

namespace McpPlaybooks.Server.Tests.Mcp.Prompts;

/// <summary>Placeholders, sections, standalone section lines, and what is not a placeholder.</summary>
public sealed class PromptTemplateTests
{
    private const string Text = "Hello {{who}}.\n{{#extra}}\nExtra: {{ extra }}.\n{{/extra}}\nKeep {{ inputs.port }} and {{#who}}[{{who}}]{{/who}}.\n";

    [Fact]
    public void Render_EveryArgument_SubstitutesAndShowsSections()
    {
        var text = PromptTemplate.Parse(Text).Render(new Dictionary<string, string> { ["who"] = "Ada", ["extra"] = "more" });

        Assert.Equal("Hello Ada.\nExtra: more.\nKeep {{ inputs.port }} and [Ada].", text);
    }

    [Fact]
    public void Render_OptionalMissingOrBlank_EmptyAndSectionsGone()
    {
        var text = PromptTemplate.Parse(Text).Render(new Dictionary<string, string> { ["extra"] = "  " });

        Assert.Equal("Hello .\nKeep {{ inputs.port }} and .", text);
    }

    [Fact]
    public void Render_ValueLookingLikeATag_IsInsertedAsItIs()
    {
        var text = PromptTemplate.Parse("A {{who}} B {{#extra}}x{{/extra}}").Render(new Dictionary<string, string> { ["who"] = "{{extra}}" });

        Assert.Equal("A {{extra}} B", text);
    }

    [Fact]
    public void Render_NestedSections_InnerNeedsBoth()
    {
        var template = PromptTemplate.Parse("{{#a}}A{{#b}}B{{/b}}{{/a}}.");

        Assert.Equal("AB.", template.Render(new Dictionary<string, string> { ["a"] = "1", ["b"] = "1" }));
        Assert.Equal("A.", template.Render(new Dictionary<string, string> { ["a"] = "1" }));
        Assert.Equal(".", template.Render(new Dictionary<string, string> { ["b"] = "1" }));
    }

    [Theory]
    [InlineData("{{#a}} never closed", "'{{#a}}' is never closed with '{{/a}}'")]
    [InlineData("{{/a}} closes nothing", "'{{/a}}' closes no open section")]
    [InlineData("{{#a}}{{#b}}{{/a}}{{/b}}", "'{{/a}}' closes '{{#b}}'")]
    public void Parse_UnbalancedSections_ThrowsNamingTheTag(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PromptTemplate.Parse(text));

        Assert.Equal(expected, error.Message);
    }
}
