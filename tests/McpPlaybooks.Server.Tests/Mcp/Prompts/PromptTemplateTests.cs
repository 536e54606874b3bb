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

    [Fact]
    public void Render_InvertedSection_KeptOnlyWhenTheArgumentIsMissingOrBlank()
    {
        var template = PromptTemplate.Parse("{{#who}}\nChosen: {{who}}.\n{{/who}}\n{{^who}}\nFind one.\n{{/who}}\nThen {{^who}}search{{/who}}{{#who}}read{{/who}}.\n");

        Assert.Equal("Chosen: Ada.\nThen read.", template.Render(new Dictionary<string, string> { ["who"] = "Ada" }));
        Assert.Equal("Find one.\nThen search.", template.Render(new Dictionary<string, string>()));
        Assert.Equal("Find one.\nThen search.", template.Render(new Dictionary<string, string> { ["who"] = " " }));
    }

    [Fact]
    public void Render_InvertedInsideASection_NeedsTheOuterGivenAndTheInnerMissing()
    {
        var template = PromptTemplate.Parse("{{#a}}A{{^b}}-no-b{{/b}}{{/a}}{{^a}}{{#b}}only-b{{/b}}{{/a}}.");

        Assert.Equal("A-no-b.", template.Render(new Dictionary<string, string> { ["a"] = "1" }));
        Assert.Equal("A.", template.Render(new Dictionary<string, string> { ["a"] = "1", ["b"] = "1" }));
        Assert.Equal("only-b.", template.Render(new Dictionary<string, string> { ["b"] = "1" }));
        Assert.Equal(".", template.Render(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("{{#a}} never closed", "the section of 'a' is never closed with '{{/a}}'")]
    [InlineData("{{^a}} never closed", "the section of 'a' is never closed with '{{/a}}'")]
    [InlineData("{{/a}} closes nothing", "'{{/a}}' closes no open section")]
    [InlineData("{{#a}}{{^b}}{{/a}}{{/b}}", "'{{/a}}' closes the section of 'b'")]
    public void Parse_UnbalancedSections_ThrowsNamingTheTag(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PromptTemplate.Parse(text));

        Assert.Equal(expected, error.Message);
    }
}
