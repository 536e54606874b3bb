using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Golden;

/// <summary>The playbooks the server ships with are clean: no error and no warning.</summary>
public sealed class BundledPlaybookTests
{
    public static TheoryData<string> Playbooks() =>
        [.. Directory.EnumerateFiles(TestPaths.Playbooks, "*.yaml").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Playbooks_Folder_HoldsAtLeastFive()
    {
        Assert.True(Playbooks().Count >= 5);
    }

    [Theory]
    [MemberData(nameof(Playbooks))]
    public void ValidateFile_BundledPlaybook_HasNoDiagnostics(string file)
    {
        var report = new PlaybookValidator().ValidateFile(Path.Combine(TestPaths.Playbooks, file));

        Assert.Empty(report.Diagnostics.Select(d => d.Format(file)));
        Assert.NotNull(report.Playbook);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), report.Playbook.Id);
    }

    [Theory]
    [MemberData(nameof(Playbooks))]
    public void ValidateFile_BundledPlaybook_PointsEditorsAtTheSchema(string file)
    {
        var firstLine = File.ReadLines(Path.Combine(TestPaths.Playbooks, file)).First();

        Assert.Equal("# yaml-language-server: $schema=../schema/playbook.schema.json", firstLine);
    }
}
