using System.Text.Json;
using System.Xml.Linq;

namespace McpPlaybooks.Server.Tests.Docs;

/// <summary>The .NET tool package and its MCP registry entry say the same things.</summary>
public sealed class PackageMetadataTests
{
    private static readonly XElement Project = XElement.Load(RepositoryFiles.PathOf("src/McpPlaybooks.Server/McpPlaybooks.Server.csproj"));

    [Fact]
    public void ServerJson_MatchesTheProjectsVersionIdentifierAndRepository()
    {
        using var server = JsonDocument.Parse(RepositoryFiles.Read("src/McpPlaybooks.Server/.mcp/server.json"));
        var root = server.RootElement;
        var package = Assert.Single(root.GetProperty("packages").EnumerateArray());

        Assert.Equal(Property("Version"), root.GetProperty("version").GetString());
        Assert.Equal(Property("Version"), package.GetProperty("version").GetString());
        Assert.Equal(Property("PackageId"), package.GetProperty("identifier").GetString());
        Assert.Equal(Property("RepositoryUrl"), root.GetProperty("repository").GetProperty("url").GetString());
    }

    [Fact]
    public void Project_HasTheMetadataAPublishablePackageNeeds()
    {
        Assert.Equal("Apache-2.0", Property("PackageLicenseExpression"));
        Assert.Equal("mcp-playbooks", Property("ToolCommandName"));
        Assert.DoesNotContain("McpPlaybooks.Server", Property("Authors"), StringComparison.Ordinal);
        Assert.StartsWith("https://", Property("PackageProjectUrl"), StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryFiles.PathOf("src/McpPlaybooks.Server/" + Property("PackageReadmeFile"))));
        Assert.True(File.Exists(RepositoryFiles.PathOf("LICENSE")));
    }

    private static string Property(string name) =>
        Project.Descendants(name).Select(e => e.Value).SingleOrDefault() ?? throw new Xunit.Sdk.XunitException($"no <{name}> in the project");
}
