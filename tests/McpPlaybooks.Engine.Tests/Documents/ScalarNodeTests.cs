using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Tests.Documents;

public sealed class ScalarNodeTests
{
    [Theory]
    [InlineData("a: hello world", 6, 1, 10)]
    [InlineData("a: 'hello world'", 6, 1, 11)]
    [InlineData("a: \"hello world\"", 6, 1, 11)]
    public void LocationOf_SingleLineScalar_MapsOffsetsToColumns(string yaml, int offset, int line, int column)
    {
        var scalar = Scalar(yaml);

        Assert.Equal(new SourceLocation(line, column), scalar.LocationOf(offset));
    }

    [Fact]
    public void LocationOf_LiteralBlock_MapsOffsetsToTheirOwnLines()
    {
        var scalar = Scalar("a: |\n  first\n  second line\n");

        Assert.Equal(new SourceLocation(2, 3), scalar.LocationOf(0));
        Assert.Equal(new SourceLocation(3, 10), scalar.LocationOf("first\nsecond ".Length));
    }

    [Fact]
    public void LocationOf_FoldedBlock_WalksTheFoldedLines()
    {
        var scalar = Scalar("a: >-\n  first line\n  second {{ x }}\n\n  third\nb: 1\n");

        Assert.Equal("first line second {{ x }}\nthird", scalar.Text);
        Assert.Equal(new SourceLocation(2, 3), scalar.LocationOf(0));
        Assert.Equal(new SourceLocation(3, 10), scalar.LocationOf(scalar.Text.IndexOf("{{", StringComparison.Ordinal)));
        Assert.Equal(new SourceLocation(5, 3), scalar.LocationOf(scalar.Text.IndexOf("third", StringComparison.Ordinal)));
    }

    [Fact]
    public void LocationOf_MultiLinePlainScalar_WalksTheFoldedLines()
    {
        var scalar = Scalar("a: one two\n   three four\n");

        Assert.Equal("one two three four", scalar.Text);
        Assert.Equal(new SourceLocation(2, 10), scalar.LocationOf(scalar.Text.IndexOf("four", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("a: 0o17", 15)]
    [InlineData("a: 0x10", 16)]
    [InlineData("a: +5", 5)]
    public void TryGetInteger_OtherBases_AreRead(string yaml, long expected)
    {
        Assert.True(Scalar(yaml).TryGetInteger(out var value));
        Assert.Equal(expected, value);
    }

    private static ScalarNode Scalar(string yaml) =>
        Assert.IsType<ScalarNode>(Assert.IsType<MappingNode>(DocumentReader.Read(yaml).Root)["a"]);
}
