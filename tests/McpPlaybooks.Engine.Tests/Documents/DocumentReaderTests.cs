using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Documents;

public sealed class DocumentReaderTests
{
    // Found by the mutation test: YamlDotNet threw InvalidOperationException, which escaped the validator.
    [Theory]
    [InlineData("a: [x\nb: 1\n", 2, 1)]
    [InlineData("type: [[a]\nb: [c]\n", 2, 1)]
    [InlineData("a: {[x]\nb: 1\n", 2, 1)]
    [InlineData("steps:\n  - needs: [clea[n]\n    with: {}\n", 3, 5)]
    public void Read_UnclosedFlowCollectionBeforeLessIndentedLine_ReportsLocatedSyntaxError(string text, int line, int column)
    {
        var result = DocumentReader.Read(text);

        Assert.Null(result.Root);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.YamlSyntax, diagnostic.Code);
        Assert.Equal(new SourceLocation(line, column), diagnostic.Location);
        Assert.Equal("YAML syntax error: a '[' or '{' opened above is not closed before this line", diagnostic.Message);
    }
}
