using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Server.Cli.Validate;

namespace McpPlaybooks.Server.Tests.Cli.Validate;

public sealed class PlaybookPathsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Expand_Directory_ListsYamlYmlAndJsonFilesSortedNotRecursively()
    {
        _directory.Write("b.yaml", "");
        _directory.Write("a.yml", "");
        _directory.Write("c.json", "");
        _directory.Write("D.YAML", "");
        _directory.Write("notes.md", "");
        _directory.Write("nested/e.yaml", "");

        var files = PlaybookPaths.Expand([_directory.Path]);

        Assert.Equal(
            new[] { "D.YAML", "a.yml", "b.yaml", "c.json" }.Select(name => Path.Combine(_directory.Path, name)),
            files);
    }

    [Fact]
    public void Expand_RelativeDirectory_KeepsPathsRelative()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _directory.Path);
        _directory.Write("a.yaml", "");

        var files = PlaybookPaths.Expand([relative]);

        Assert.Equal([Path.Combine(relative, "a.yaml")], files);
    }

    [Fact]
    public void Expand_FilesAndMissingPaths_KeepsThemAsGivenInOrder()
    {
        var file = _directory.Write("z.txt", "");

        var files = PlaybookPaths.Expand(["nope.yaml", file, "also/missing.yml"]);

        Assert.Equal(["nope.yaml", file, "also/missing.yml"], files);
    }

    [Fact]
    public void Expand_EmptyDirectory_ReturnsNoFile()
    {
        Assert.Empty(PlaybookPaths.Expand([_directory.Path]));
    }
}
