using McpPlaybooks.Engine.Catalog;

namespace McpPlaybooks.Engine.Tests.Catalog;

/// <summary>Finding a playbook by id in real folders.</summary>
public sealed class PlaybookResolverTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mcpplaybooks-resolver-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Resolve_DanglingLinkBesideTwoVersions_ReturnsTheHighestWithTheTextItValidated()
    {
        File.CreateSymbolicLink(Path.Combine(root, "a-gone.yaml"), Path.Combine(root, "missing.yaml"));
        File.WriteAllText(Path.Combine(root, "b-old.yaml"), Playbook("1.2.0"));
        var newer = Playbook("1.10.0") + "# trailing comment kept\n";
        File.WriteAllText(Path.Combine(root, "c-new.yaml"), newer);

        var resolved = new PlaybookResolver([root]).Resolve("child", null, out var problem);

        Assert.Null(problem);
        Assert.NotNull(resolved);
        Assert.Equal("1.10.0", resolved.Definition.Version);
        Assert.Equal(newer, resolved.Content);
        Assert.Equal(Path.Combine(root, "c-new.yaml"), resolved.Source);
    }

    [Fact]
    public void Resolve_OnlyAnUnreadableFile_SaysNoValidPlaybook()
    {
        File.CreateSymbolicLink(Path.Combine(root, "a-gone.yaml"), Path.Combine(root, "missing.yaml"));

        var resolved = new PlaybookResolver([root]).Resolve("child", null, out var problem);

        Assert.Null(resolved);
        Assert.StartsWith("no valid playbook with id 'child'", problem, StringComparison.Ordinal);
    }

    private static string Playbook(string version) => $"""
        id: child
        name: Child
        version: {version}
        steps:
          - id: compute
            action: set
            with: {"{"} done: true {"}"}

        """;
}
