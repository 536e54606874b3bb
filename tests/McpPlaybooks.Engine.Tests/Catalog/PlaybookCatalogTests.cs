using McpPlaybooks.Engine.Catalog;

namespace McpPlaybooks.Engine.Tests.Catalog;

/// <summary>The catalogue over real folders: snapshots, the files left out, preparing and writing saves, watching.</summary>
public sealed class PlaybookCatalogTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mcpplaybooks-catalog-").FullName;

    private string First => Path.Combine(root, "first");

    private string Second => Path.Combine(root, "second");

    private string Saved => Path.Combine(root, "saved");

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Current_TwoFolders_FirstWinsVersionsSortedSemanticallyAndInvalidKept()
    {
        Write(First, "a.yaml", Playbook("alpha", "1.9.0"));
        Write(First, "b.yaml", Playbook("alpha", "1.10.0"));
        Write(Second, "copy.yaml", Playbook("alpha", "1.10.0", "from the second folder"));
        Write(Second, "z.yaml", Playbook("zulu", "0.1.0"));
        Write(Second, "bad.yaml", Playbook("broken", "1.0.0") + "colour: blue\n");

        using var catalog = new PlaybookCatalog([First, Second], Saved, TimeProvider.System);
        var snapshot = catalog.Current;

        Assert.Equal(["alpha", "zulu"], snapshot.Ids);
        Assert.Equal(["1.10.0", "1.9.0"], snapshot.Versions("alpha").Select(e => e.Version));
        Assert.Equal(Path.Combine(First, "b.yaml"), snapshot.Find("alpha")!.Path);
        Assert.Equal(Path.Combine(First, "a.yaml"), snapshot.Find("alpha", "1.9.0")!.Path);
        Assert.Null(snapshot.Find("alpha", "2.0.0"));
        Assert.Empty(snapshot.Versions("nobody"));
        Assert.Equal(["1.10.0", "0.1.0"], snapshot.Latest.Select(e => e.Version));
        var problem = Assert.Single(snapshot.Invalid);
        Assert.Equal(("broken", Path.Combine(Second, "bad.yaml")), (problem.PlaybookId, problem.Path));
        Assert.Contains(problem.Errors, e => e.IsError && e.Location.Line == 10 && e.Code == "PB0010");
        Assert.Equal([First, Second, Saved], catalog.Directories);
    }

    [Fact]
    public void Prepare_NewSameAndOtherText_TellsNewUnchangedAndConflict()
    {
        var text = Playbook("alpha", "1.0.0");
        Write(First, "a.yaml", text);
        using var catalog = new PlaybookCatalog([First], Saved, TimeProvider.System);

        var fresh = catalog.Prepare(Playbook("alpha", "1.1.0"));
        var same = catalog.Prepare(text);
        var other = catalog.Prepare(Playbook("alpha", "1.0.0", "changed"));
        var invalid = catalog.Prepare("id: alpha\n");

        Assert.True(fresh.IsValid);
        Assert.Null(fresh.Existing);
        Assert.False(fresh.Conflict || fresh.Unchanged);
        Assert.Equal(Path.Combine(Saved, "alpha@1.1.0.yaml"), fresh.TargetPath);
        Assert.True(same.Unchanged);
        Assert.False(same.Conflict);
        Assert.True(other.Conflict);
        Assert.Equal(Path.Combine(First, "a.yaml"), other.Existing!.Path);
        Assert.False(invalid.IsValid);
    }

    [Fact]
    public async Task WriteAsync_NewVersion_WrittenToTheSaveFolderAndInTheNextSnapshot()
    {
        Write(First, "a.yaml", Playbook("alpha", "1.0.0"));
        using var catalog = new PlaybookCatalog([First], Saved, TimeProvider.System);
        var changes = 0;
        catalog.Changed += (_, _) => Interlocked.Increment(ref changes);
        var text = Playbook("alpha", "1.1.0");

        var entry = await catalog.WriteAsync(catalog.Prepare(text), CancellationToken.None);

        Assert.Equal(Path.Combine(Saved, "alpha@1.1.0.yaml"), entry.Path);
        Assert.Equal(text, await File.ReadAllTextAsync(entry.Path));
        Assert.Equal(["alpha@1.1.0.yaml"], Directory.EnumerateFiles(Saved).Select(Path.GetFileName));
        Assert.Equal("1.1.0", catalog.Current.Find("alpha")!.Version);
        Assert.Equal(1, changes);
        catalog.Reload();
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task WriteAsync_ConflictOrNoSaveFolder_Throws()
    {
        Write(First, "a.yaml", Playbook("alpha", "1.0.0"));
        using var catalog = new PlaybookCatalog([First], Saved, TimeProvider.System);
        using var readOnly = new PlaybookCatalog([First], saveDirectory: null, TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.WriteAsync(catalog.Prepare(Playbook("alpha", "1.0.0", "other")), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.WriteAsync(catalog.Prepare("id: x\n"), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => readOnly.WriteAsync(readOnly.Prepare(Playbook("alpha", "2.0.0")), CancellationToken.None));
        Assert.False(Directory.Exists(Saved));
    }

    [Theory]
    [InlineData("alpha", "1.0.0", "alpha@1.0.0.yaml")]
    [InlineData("a/../b", "1.0.0+build 7", "a_.._b@1.0.0_build_7.yaml")]
    public void FileName_IdAndVersion_SafeInAFolder(string id, string version, string expected) =>
        Assert.Equal(expected, PlaybookCatalog.FileName(id, version));

    [Fact]
    public async Task StartWatching_FileAddedToAFolder_ReloadedAndChangedRaised()
    {
        Directory.CreateDirectory(First);
        using var catalog = new PlaybookCatalog([First], Saved, TimeProvider.System);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        catalog.Changed += (_, _) => changed.TrySetResult();
        catalog.StartWatching();

        Write(First, "a.yaml", Playbook("alpha", "1.0.0"));

        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["alpha"], catalog.Current.Ids);
        Assert.True(Directory.Exists(Saved));
    }

    private static void Write(string folder, string name, string text)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), text);
    }

    internal static string Playbook(string id, string version, string message = "done") => $$"""
        id: {{id}}
        name: {{id}}
        version: {{version}}
        timeout: 1m
        steps:
          - id: only
            action: log
            timeout: 1s
            with: { message: "{{message}}" }

        """;
}
