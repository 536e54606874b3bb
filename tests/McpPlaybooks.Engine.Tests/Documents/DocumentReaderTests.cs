using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Documents;

public sealed class DocumentReaderTests
{
    [Theory]
    [InlineData("a: yes", ScalarType.String)]
    [InlineData("a: no", ScalarType.String)]
    [InlineData("a: on", ScalarType.String)]
    [InlineData("a: true", ScalarType.Boolean)]
    [InlineData("a: False", ScalarType.Boolean)]
    [InlineData("a: 42", ScalarType.Integer)]
    [InlineData("a: -7", ScalarType.Integer)]
    [InlineData("a: 0x1F", ScalarType.Integer)]
    [InlineData("a: 1.5", ScalarType.Float)]
    [InlineData("a: 1e3", ScalarType.Float)]
    [InlineData("a: .inf", ScalarType.Float)]
    [InlineData("a: ~", ScalarType.Null)]
    [InlineData("a:", ScalarType.Null)]
    [InlineData("a: null", ScalarType.Null)]
    [InlineData("a: '42'", ScalarType.String)]
    [InlineData("a: \"true\"", ScalarType.String)]
    [InlineData("a: !!str 42", ScalarType.String)]
    [InlineData("a: 1.0.0", ScalarType.String)]
    [InlineData("a: 30s", ScalarType.String)]
    public void Read_PlainAndQuotedScalars_FollowTheYaml12CoreSchema(string yaml, ScalarType expected)
    {
        var result = DocumentReader.Read(yaml);

        var scalar = Assert.IsType<ScalarNode>(Assert.IsType<MappingNode>(result.Root)["a"]);
        Assert.Equal(expected, scalar.Type);
    }

    [Fact]
    public void Read_NestedDocument_KeepsLinesColumnsAndPaths()
    {
        const string yaml = "id: x\nsteps:\n  - id: a\n    needs: [b, c]\n";

        var root = Assert.IsType<MappingNode>(DocumentReader.Read(yaml).Root);

        var steps = Assert.IsType<SequenceNode>(root["steps"]);
        var step = Assert.IsType<MappingNode>(steps.Items[0]);
        var needs = Assert.IsType<SequenceNode>(step["needs"]);
        Assert.Equal(new SourceLocation(3, 5), step.Location);
        Assert.Equal("steps[0]", step.Path);
        Assert.Equal(new SourceLocation(4, 16), needs.Items[1].Location);
        Assert.Equal("steps[0].needs[1]", needs.Items[1].Path);
        Assert.Equal(new SourceLocation(4, 5), step.KeyLocationOf("needs"));
    }

    [Fact]
    public void Read_DuplicateKey_ReportsTheSecondAndKeepsTheFirst()
    {
        var result = DocumentReader.Read("a: 1\nb: 2\na: 3\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.DuplicateKey, diagnostic.Code);
        Assert.Equal(new SourceLocation(3, 1), diagnostic.Location);
        Assert.Contains("line 1, column 1", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("1", Assert.IsType<ScalarNode>(Assert.IsType<MappingNode>(result.Root)["a"]).Text);
    }

    [Fact]
    public void Read_Alias_CopiesTheAnchorUnderItsOwnPath()
    {
        var root = Assert.IsType<MappingNode>(DocumentReader.Read("base: &b { x: 1 }\nother: *b\n").Root);

        var other = Assert.IsType<MappingNode>(root["other"]);
        Assert.Equal("other.x", other["x"]!.Path);
        Assert.Equal(new SourceLocation(2, 8), other.Location);
    }

    [Fact]
    public void Read_AliasBomb_StopsAtTheNodeBudget()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var result = DocumentReader.Read(string.Join("\n", lines));

        Assert.Null(result.Root);
        Assert.Equal(DiagnosticCodes.DocumentTooLarge, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Read_DeepNesting_IsRefusedWithoutOverflowingTheStack()
    {
        var result = DocumentReader.Read(new string('[', 10_000) + new string(']', 10_000));

        Assert.Null(result.Root);
        Assert.Equal(DiagnosticCodes.DocumentTooLarge, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Read_HugeDocument_IsRefusedBeforeParsing()
    {
        var result = DocumentReader.Read("a: " + new string('x', DocumentLimits.MaxCharacters));

        Assert.Equal(DiagnosticCodes.DocumentTooLarge, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Read_SecondDocument_IsAnError()
    {
        var result = DocumentReader.Read("a: 1\n---\nb: 2\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.YamlSyntax, diagnostic.Code);
        Assert.Equal(2, diagnostic.Location.Line);
    }

    [Theory]
    [InlineData("a: [1, 2", 1, 4)]
    [InlineData("a: [1, 2\n", 1, 4)]
    [InlineData("a: { b: 1", 1, 4)]
    public void Read_UnclosedFlowCollection_PointsAtItsOpeningBracket(string yaml, int line, int column)
    {
        var result = DocumentReader.Read(yaml);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.YamlSyntax, diagnostic.Code);
        Assert.Equal(new SourceLocation(line, column), diagnostic.Location);
    }

    [Fact]
    public void Read_BadIndentation_IsALocatedSyntaxError()
    {
        var result = DocumentReader.Read("a:\n  b: 1\n c: 2\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.YamlSyntax, diagnostic.Code);
        Assert.Equal(3, diagnostic.Location.Line);
        Assert.DoesNotContain("(Line:", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Json_IsReadLikeYaml()
    {
        var root = Assert.IsType<MappingNode>(DocumentReader.Read("{\"id\": \"x\", \"n\": 3, \"ok\": true}").Root);

        Assert.True(Assert.IsType<ScalarNode>(root["id"]).IsString);
        Assert.Equal(ScalarType.Integer, Assert.IsType<ScalarNode>(root["n"]).Type);
        Assert.Equal(ScalarType.Boolean, Assert.IsType<ScalarNode>(root["ok"]).Type);
    }

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
        Assert.Contains("is not closed before this line", diagnostic.Message, StringComparison.Ordinal);
    }
}
