using McpPlaybooks.Engine.Catalog;

namespace McpPlaybooks.Engine.Tests.Catalog;

/// <summary>
/// The catalogue over a real folder validates a file only when its text changed (counted by
/// <see cref="PlaybookCatalog.FilesValidated"/>), and still shows every change: a changed, new, deleted or broken file.
/// </summary>
public sealed class CatalogRevalidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mcpplaybooks-revalidation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reload_NothingChanged_ValidatesNoFileAgain()
    {
        for (var i = 0; i < 5; i++)
        {
            Write($"p{i}.yaml", Playbook($"p{i}", "1.0.0"));
        }

        using var catalog = new PlaybookCatalog([_folder], saveDirectory: null, TimeProvider.System);
        Assert.Equal(5, catalog.FilesValidated);

        catalog.Reload();
        catalog.Reload();

        Assert.Equal(5, catalog.FilesValidated);
        Assert.Equal(5, catalog.Current.Entries.Count);
    }

    [Fact]
    public void Reload_OneFileChangedOneAddedOneDeleted_ValidatesOnlyTheChangedAndTheNewFile()
    {
        Write("a.yaml", Playbook("a", "1.0.0"));
        Write("b.yaml", Playbook("b", "1.0.0"));
        Write("c.yaml", Playbook("c", "1.0.0"));
        using var catalog = new PlaybookCatalog([_folder], saveDirectory: null, TimeProvider.System);

        // Same length, so that nothing but the text tells the change.
        Write("a.yaml", Playbook("a", "1.0.1"));
        Write("d.yaml", Playbook("d", "1.0.0"));
        File.Delete(Path.Combine(_folder, "c.yaml"));
        var snapshot = catalog.Reload();

        Assert.Equal(5, catalog.FilesValidated);
        Assert.Equal(["a", "b", "d"], snapshot.Ids);
        Assert.Equal("1.0.1", snapshot.Find("a")!.Version);
        Assert.Equal(Playbook("a", "1.0.1"), snapshot.Find("a")!.Content);
    }

    [Fact]
    public void Reload_FileBrokenThenUnchanged_StaysReportedByNameWithoutBeingValidatedAgain()
    {
        Write("a.yaml", Playbook("a", "1.0.0"));
        using var catalog = new PlaybookCatalog([_folder], saveDirectory: null, TimeProvider.System);

        Write("a.yaml", Playbook("a", "1.0.0") + "colour: blue\n");
        catalog.Reload();
        var snapshot = catalog.Reload();

        Assert.Equal(2, catalog.FilesValidated);
        Assert.Empty(snapshot.Entries);
        var problem = Assert.Single(snapshot.Invalid);
        Assert.Equal(("a", Path.Combine(_folder, "a.yaml")), (problem.PlaybookId, problem.Path));
        Assert.Contains(problem.Errors, e => e.Code == "PB0010");
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private static string Playbook(string id, string version) => PlaybookCatalogTests.Playbook(id, version);
}
