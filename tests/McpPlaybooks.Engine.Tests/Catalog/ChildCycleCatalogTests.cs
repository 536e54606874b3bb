using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Catalog;

/// <summary>
/// PB1009 in the catalogue over a real folder: a cycle of child playbooks named in their texts is a warning on each
/// playbook of it, at the step that starts the next, naming the whole cycle; found again when another file of it changes.
/// </summary>
public sealed class ChildCycleCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mcpplaybooks-cycles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Current_TwoPlaybooksStartingEachOther_WarnsOnEachAtItsStepNamingTheCycle()
    {
        Write("a.yaml", Starter("a", "b"));
        Write("b.yaml", Starter("b", "a"));

        using var catalog = new PlaybookCatalog([_folder], saveDirectory: null, TimeProvider.System);

        var a = Assert.Single(catalog.Current.Find("a")!.Warnings, w => w.Code == DiagnosticCodes.ChildPlaybookCycle);
        Assert.False(a.IsError);
        Assert.Contains("a → b → a", a.Message, StringComparison.Ordinal);
        Assert.Contains("step 'call' of 'a' starts 'b'; step 'call' of 'b' starts 'a'", a.Message, StringComparison.Ordinal);
        Assert.Contains("every run of it nests until children are 5 deep and fails there", a.Message, StringComparison.Ordinal);
        Assert.Equal((11, 17), (a.Line, a.Column)); // the child's id in the step's with
        Assert.Equal("steps[0].with.id", a.Path);
        Assert.Contains("break the cycle", a.Fix, StringComparison.Ordinal);
        Assert.Contains(catalog.Current.Find("b")!.Warnings, w => w.Code == DiagnosticCodes.ChildPlaybookCycle && w.Message.Contains("b → a → b", StringComparison.Ordinal));
    }

    [Fact]
    public void Current_SelfCallGuardedByWhen_WarnsThatTheWhenMustEndIt()
    {
        Write("a.yaml", Starter("a", "a", when: "inputs.depth < 3"));

        using var catalog = new PlaybookCatalog([_folder], saveDirectory: null, TimeProvider.System);

        var warning = Assert.Single(catalog.Current.Find("a")!.Warnings, w => w.Code == DiagnosticCodes.ChildPlaybookCycle);
        Assert.Contains("a → a", warning.Message, StringComparison.Ordinal);
        Assert.Contains("only a when: (or a rollback) on the way can end it", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_ChainWithoutCycleOrTemplatedChild_NoWarning()
    {
        Write("a.yaml", Starter("a", "b"));
        Write("b.yaml", Starter("b", "c"));
        Write("c.yaml", Starter("c", "{{ inputs.next }}"));

        using var catalog = new PlaybookCatalog([_folder], saveDirectory: null, TimeProvider.System);

        Assert.Equal(3, catalog.Current.Entries.Count);
        Assert.DoesNotContain(catalog.Current.Entries.SelectMany(e => e.Warnings), w => w.Code == DiagnosticCodes.ChildPlaybookCycle);
    }

    [Fact]
    public void Reload_TheOtherFileOfACycleChanges_WarningOnTheUnchangedFileFollowsWithoutValidatingItAgain()
    {
        Write("a.yaml", Starter("a", "b"));
        Write("b.yaml", Starter("b", "c"));
        using var catalog = new PlaybookCatalog([_folder], saveDirectory: null, TimeProvider.System);
        Assert.Empty(catalog.Current.Find("a")!.Warnings);

        Write("b.yaml", Starter("b", "a"));
        var closed = catalog.Reload();
        Write("b.yaml", Starter("b", "c"));
        var opened = catalog.Reload();

        Assert.Contains(closed.Find("a")!.Warnings, w => w.Code == DiagnosticCodes.ChildPlaybookCycle);
        Assert.Empty(opened.Find("a")!.Warnings);
        Assert.Equal(4, catalog.FilesValidated); // a once; b at each of its three writes (a.yaml, unchanged, never again)
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private static string Starter(string id, string child, string? when = null) => $$$"""
        id: {{{id}}}
        name: {{{id}}}
        version: 1.0.0
        timeout: 1m
        inputs:
          depth: { type: number, default: 0 }
          next: { type: string, default: x }
        steps:
          - id: call{{{(when is null ? "" : $"\n    when: {when}")}}}
            action: playbook
            with: { id: "{{{child}}}", inputs: { depth: "{{ inputs.depth }}", next: "{{ inputs.next }}" } }

        """;
}
