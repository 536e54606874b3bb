using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>
/// Child starts take their playbook from the server's catalogue (<see cref="Engine.Execution.PlaybookEngine.FindChildrenIn"/>):
/// a loop of children validates no file again, and a new version saved to the folder is the one the next start runs.
/// </summary>
public sealed class ChildStartCatalogueTests
{
    private const string Parent = """
        id: loop-parent
        name: Loop parent
        version: 1.0.0
        steps:
          - id: call
            action: playbook
            foreach: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
            with: { id: leaf }
        outputs:
          said: "{{ steps.call.output[9].outputs.said }}"
        """;

    [Fact]
    public async Task PlaybookAction_TenChildrenThenANewVersionSaved_ValidatesOnlyTheNewFileAndRunsIt()
    {
        var fillers = Enumerable.Range(0, 20).Select(i => ($"filler{i}", Leaf($"filler{i}", "unused")));
        await using var harness = await StartWithPlaybooksAsync([("leaf", Leaf("leaf", "first")), .. fillers]);
        using var catalog = new PlaybookCatalog(harness.Engine.Options.PlaybookDirectories, saveDirectory: null, TimeProvider.System);
        harness.Engine.FindChildrenIn(catalog);
        var loaded = catalog.FilesValidated;

        var first = await harness.RunAsync(Parent);
        var afterLoop = catalog.FilesValidated;
        await File.WriteAllTextAsync(harness.PathOf("playbooks/leaf-saved.yaml"), Leaf("leaf", "later", "1.0.1")); // as a save writes it
        var second = await harness.RunAsync(Parent);

        Assert.Equal(21, loaded);
        Assert.Equal((ExecutionStatus.Completed, "first"), (first.Status, first.Outputs.AsObject()["said"].AsString()));
        Assert.Equal(loaded, afterLoop);
        Assert.Equal((ExecutionStatus.Completed, "later"), (second.Status, second.Outputs.AsObject()["said"].AsString()));
        Assert.Equal(loaded + 1, catalog.FilesValidated);
    }

    private static string Leaf(string id, string said, string version = "1.0.0") => $$$"""
        id: {{{id}}}
        name: {{{id}}}
        version: {{{version}}}
        steps:
          - id: say
            action: set
            with: { said: {{{said}}} }
        outputs:
          said: "{{ steps.say.output.said }}"

        """;
}
