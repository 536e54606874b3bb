using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Run;

public sealed class PlaybookLocatorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Locate_Id_FindsFileByLoadedIdNotFileName()
    {
        var path = _directory.Write("local/whatever.yaml", RunPlaybooks.Versioned("say-hi", "1.0.0"));
        _directory.Write("local/say-hi.yaml", RunPlaybooks.Versioned("other", "1.0.0"));

        var located = Locate("say-hi", out var problem);

        Assert.Null(problem);
        Assert.Equal(path, located?.FullPath);
    }

    [Fact]
    public void Locate_TwoVersions_PicksHighestSemanticVersion()
    {
        _directory.Write("local/a.yaml", RunPlaybooks.Versioned("say-hi", "1.9.0"));
        var newest = _directory.Write("bundled/b.yaml", RunPlaybooks.Versioned("say-hi", "1.10.0"));
        _directory.Write("local/c.yaml", RunPlaybooks.Versioned("say-hi", "1.10.0-rc.1"));

        var located = Locate("say-hi", out _);

        Assert.Equal(newest, located?.FullPath);
        Assert.Equal("1.10.0", located?.Report.Playbook?.Version);
    }

    [Fact]
    public void Locate_SameVersionInBothFolders_FirstFolderWins()
    {
        var local = _directory.Write("local/a.yaml", RunPlaybooks.Versioned("say-hi", "1.0.0"));
        _directory.Write("bundled/a.yaml", RunPlaybooks.Versioned("say-hi", "1.0.0"));

        Assert.Equal(local, Locate("say-hi", out _)?.FullPath);
    }

    [Fact]
    public void Locate_UnknownId_SaysWhereItLookedAndSuggests()
    {
        _directory.Write("local/a.yaml", RunPlaybooks.Versioned("say-hello", "1.0.0"));
        _directory.Write("bundled/b.yaml", RunPlaybooks.Versioned("restart", "1.0.0"));
        _directory.Write("bundled/broken.yaml", TestPlaybooks.Empty);

        var located = Locate("say-helo", out var problem);

        Assert.Null(located);
        var local = Path.Combine(_directory.Path, "local");
        var bundled = Path.Combine(_directory.Path, "bundled");
        Assert.Equal($"no playbook with id 'say-helo' in {local}, {bundled}; did you mean 'say-hello'? Known ids: restart, say-hello", problem);
    }

    [Fact]
    public void Locate_UnknownIdNothingClose_ListsKnownIds()
    {
        var located = Locate("zzz", out var problem);

        Assert.Null(located);
        Assert.EndsWith("bundled. Known ids: none", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ExistingRelativeFile_KeepsPathAsTyped()
    {
        _directory.Write("mine", RunPlaybooks.Versioned("say-hi", "1.0.0"));

        var located = Locate("mine", out var problem);

        Assert.Null(problem);
        Assert.Equal("mine", located?.DisplayPath);
        Assert.Equal("say-hi", located?.Report.Playbook?.Id);
    }

    [Fact]
    public void Locate_MissingPathLikeArgument_ReportedAsUnreadableFile()
    {
        var located = Locate("nope.yaml", out var problem);

        Assert.Null(problem);
        Assert.Equal(DiagnosticCodes.FileUnreadable, Assert.Single(located!.Report.Diagnostics).Code);
    }

    private LocatedPlaybook? Locate(string pathOrId, out string? problem) => PlaybookLocator.Locate(
        pathOrId,
        _directory.Path,
        [Path.Combine(_directory.Path, "local"), Path.Combine(_directory.Path, "bundled")],
        new PlaybookValidator(),
        out problem);
}
