using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Validation;

public sealed class PlaybookValidatorTests
{
    // Found by the mutation test: a document of only '---' was reported at 2:2, past the end of its one line.
    [Theory]
    [InlineData("")]
    [InlineData("---")]
    [InlineData("---\n")]
    [InlineData("--- \n# nothing here\n")]
    [InlineData("# only a comment")]
    public void ValidateText_EmptyDocument_ReportsEmptyAtTheFirstCharacter(string text)
    {
        var report = new PlaybookValidator().ValidateText(text, "empty.yaml");

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(DiagnosticCodes.NotAMapping, diagnostic.Code);
        Assert.Equal("the document is empty", diagnostic.Message);
        Assert.Equal(new SourceLocation(1, 1), diagnostic.Location);
        Assert.Null(report.Playbook);
    }

    [Fact]
    public void ValidateText_ScalarDocument_ReportsNotAMappingAtTheScalar()
    {
        var report = new PlaybookValidator().ValidateText("--- 42\n", "scalar.yaml");

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(DiagnosticCodes.NotAMapping, diagnostic.Code);
        Assert.Equal("a playbook is a mapping, but this document is an integer", diagnostic.Message);
        Assert.Equal(new SourceLocation(1, 5), diagnostic.Location);
    }
}
