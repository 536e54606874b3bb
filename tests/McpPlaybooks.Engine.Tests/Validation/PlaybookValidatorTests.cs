using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Validation;

public sealed class PlaybookValidatorTests
{
    [Fact]
    public void ValidateFile_MissingFile_IsALocatedErrorNotAnException()
    {
        var report = new PlaybookValidator().ValidateFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".yaml"));

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(DiagnosticCodes.FileUnreadable, diagnostic.Code);
        Assert.Equal(new SourceLocation(1, 1), diagnostic.Location);
        Assert.Null(report.Playbook);
    }

    [Fact]
    public void ValidateText_YamlAndJsonOfTheSamePlaybook_GiveTheSameModel()
    {
        const string yaml = "id: same\nname: Same\nversion: 1.0.0\ntimeout: 5m\nsteps:\n  - id: a\n    action: log\n    with: { message: hi }\n";
        const string json = """{"id": "same", "name": "Same", "version": "1.0.0", "timeout": "5m", "steps": [{"id": "a", "action": "log", "with": {"message": "hi"}}]}""";

        var fromYaml = new PlaybookValidator().ValidateText(yaml, "a.yaml");
        var fromJson = new PlaybookValidator().ValidateText(json, "a.json");

        Assert.Empty(fromYaml.Diagnostics);
        Assert.Empty(fromJson.Diagnostics);
        Assert.Equal(fromYaml.Playbook!.Id, fromJson.Playbook!.Id);
        Assert.Equal(fromYaml.Playbook.Timeout, fromJson.Playbook.Timeout);
        Assert.Equal(fromYaml.Playbook.Steps[0].Action, fromJson.Playbook.Steps[0].Action);
    }

    [Fact]
    public void ValidateText_Diagnostics_AreSortedByLocation()
    {
        const string yaml = "id: s\nname: S\nversion: 1.0.0\ntimeout: 5m\nsteps:\n  - id: a\n    needs: [zz]\n    action: nope\n  - id: a\n    action: log\n    with: { message: hi }\n";

        var diagnostics = new PlaybookValidator().ValidateText(yaml, "t.yaml").Diagnostics;

        Assert.Equal(3, diagnostics.Count);
        Assert.Equal(diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column), diagnostics);
    }

    [Fact]
    public void ValidateText_SameProblemFromSchemaAndRule_IsReportedOnce()
    {
        const string yaml = "id: s\nname: S\nversion: 1.0.0\ntimeout: soon\nsteps:\n  - id: a\n    action: log\n    with: { message: hi }\n";

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateText(yaml, "t.yaml").Diagnostics);

        Assert.Equal(DiagnosticCodes.InvalidDuration, diagnostic.Code);
    }

    // Found by the mutation test: a document of only '---' was reported at 2:2, past the end of its one line.
    [Theory]
    [InlineData("")]
    [InlineData("---")]
    [InlineData("---\n")]
    [InlineData("--- \n# nothing here\n")]
    [InlineData("# only a comment")]
    public void ValidateText_EmptyDocument_ReportsEmptyAtTheFirstCharacter(string text)
    {
        var report = new PlaybookValidator().ValidateText(text, "empty.yaml");

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(DiagnosticCodes.NotAMapping, diagnostic.Code);
        Assert.Equal("the document is empty", diagnostic.Message);
        Assert.Equal(new SourceLocation(1, 1), diagnostic.Location);
        Assert.Null(report.Playbook);
    }

    [Fact]
    public void ValidateText_ScalarDocument_ReportsNotAMappingAtTheScalar()
    {
        var report = new PlaybookValidator().ValidateText("--- 42\n", "scalar.yaml");

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(DiagnosticCodes.NotAMapping, diagnostic.Code);
        Assert.Equal("a playbook is a mapping, but this document is an integer", diagnostic.Message);
        Assert.Equal(new SourceLocation(1, 5), diagnostic.Location);
    }
}
