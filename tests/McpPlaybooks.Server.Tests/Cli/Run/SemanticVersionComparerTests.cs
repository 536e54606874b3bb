using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Run;

public sealed class SemanticVersionComparerTests
{
    [Fact]
    public void Compare_Versions_OrderedBySemanticVersioning()
    {
        string[] versions = ["1.10.0", "not-a-version", "1.2.0", "2.0.0-rc.10", "2.0.0", "2.0.0-rc.2", "1.2.0-alpha", "0.9.9"];

        var ordered = versions.Order(SemanticVersionComparer.Instance);

        Assert.Equal(["not-a-version", "0.9.9", "1.2.0-alpha", "1.2.0", "1.10.0", "2.0.0-rc.2", "2.0.0-rc.10", "2.0.0"], ordered);
    }

    [Fact]
    public void Compare_BuildMetadata_Ignored()
    {
        Assert.Equal(0, SemanticVersionComparer.Instance.Compare("1.0.0+build.5", "1.0.0"));
    }
}
