using System.Text.Json;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Schema;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Schema;

public sealed class PlaybookSchemaTests
{
    [Fact]
    public void Text_IsTheRepositorySchemaFile()
    {
        var file = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "schema", "playbook.schema.json"));

        Assert.Equal(file, PlaybookSchema.Text);
        using var json = JsonDocument.Parse(PlaybookSchema.Text);
        Assert.Equal("http://json-schema.org/draft-07/schema#", json.RootElement.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Check_MisspeltKey_SuggestsTheRightOne()
    {
        var diagnostic = Assert.Single(Check("id: a\nname: A\nversion: 1.0.0\nsteps:\n  - id: s\n    action: log\n    neeeds: [x]\n"));

        Assert.Equal(DiagnosticCodes.UnknownKey, diagnostic.Code);
        Assert.Equal(new SourceLocation(7, 5), diagnostic.Location);
        Assert.Equal("steps[0].neeeds", diagnostic.Path);
        Assert.StartsWith("did you mean 'needs'?", diagnostic.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EnumValue_ListsTheAllowedValues()
    {
        var diagnostic = Assert.Single(Check("id: a\nname: A\nversion: 1.0.0\non_failure: undo\nsteps:\n  - id: s\n    action: log\n"));

        Assert.Equal(DiagnosticCodes.ValueNotAllowed, diagnostic.Code);
        Assert.Equal(new SourceLocation(4, 13), diagnostic.Location);
        Assert.Contains("rollback", diagnostic.Fix, StringComparison.Ordinal);
        Assert.Contains("stop", diagnostic.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ValidMinimalPlaybook_HasNoDiagnostics()
    {
        Assert.Empty(Check("id: a\nname: A\nversion: 1.0.0\nsteps:\n  - id: s\n    action: log\n"));
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.0.4")]
    [InlineData("10.20.30")]
    [InlineData("1.0.0-alpha")]
    [InlineData("1.0.0-alpha.1")]
    [InlineData("1.0.0-0.3.7")]
    [InlineData("1.0.0-x.7.z.92")]
    [InlineData("1.0.0-x-y-z.--")]
    [InlineData("1.0.0-0A.is.legal")]
    [InlineData("1.0.0-alpha+001")]
    [InlineData("1.0.0+20130313144700")]
    [InlineData("1.0.0-beta+exp.sha.5114f85")]
    [InlineData("1.0.0+21AF26D3----117B344092BD")]
    public void Check_SemVerVersion_IsAccepted(string version)
    {
        Assert.Empty(Check($"id: a\nname: A\nversion: \"{version}\"\nsteps:\n  - id: s\n    action: log\n"));
    }

    [Theory]
    [InlineData("1.0.0-..")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-alpha..1")]
    [InlineData("1.0.0-alpha.")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-alpha.01")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0+build..1")]
    [InlineData("1.0.0+build.")]
    [InlineData("1.0.0-alpha_beta")]
    [InlineData("01.0.0")]
    [InlineData("1.0")]
    [InlineData("1.0.0-\u0663")]
    public void Check_VersionThatIsNotSemVer_IsRefusedWithTheRule(string version)
    {
        var diagnostic = Assert.Single(Check($"id: a\nname: A\nversion: \"{version}\"\nsteps:\n  - id: s\n    action: log\n"));

        Assert.Equal(DiagnosticCodes.ValueNotAllowed, diagnostic.Code);
        Assert.Equal("version", diagnostic.Path);
        Assert.Contains("no empty identifier", diagnostic.Fix, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Diagnostic> Check(string yaml) => PlaybookSchema.Check(DocumentReader.Read(yaml).Root!);
}
