using System.Text.Json;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Cli.Validate;
using static McpPlaybooks.Server.Tests.Cli.ValidationReports;

namespace McpPlaybooks.Server.Tests.Cli.Validate;

public sealed class JsonValidationWriterTests
{
    [Fact]
    public void Write_ErrorsAndWarnings_PrintsSnakeCaseDocumentWithTotals()
    {
        ValidatedFile[] files =
        [
            new("a.yaml", Report("a.yaml", Error("PB0101", 7, 12, "steps[1].needs[0]", "Name an existing step."))),
            new("b.yaml", Report("b.yaml", Warning("PB1003", 5, 5))),
        ];

        using var json = Write(files);

        var root = json.RootElement;
        Assert.Equal(["files", "errors", "warnings"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("errors").GetInt32());
        Assert.Equal(1, root.GetProperty("warnings").GetInt32());
        var a = root.GetProperty("files")[0];
        Assert.Equal(["path", "valid", "playbook_id", "playbook_version", "diagnostics"], a.EnumerateObject().Select(p => p.Name));
        Assert.Equal("a.yaml", a.GetProperty("path").GetString());
        Assert.False(a.GetProperty("valid").GetBoolean());
        var diagnostic = Assert.Single(a.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal("PB0101", diagnostic.GetProperty("code").GetString());
        Assert.Equal("Problem PB0101.", diagnostic.GetProperty("message").GetString());
        Assert.Equal(7, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(12, diagnostic.GetProperty("column").GetInt32());
        Assert.Equal("steps[1].needs[0]", diagnostic.GetProperty("path").GetString());
        Assert.Equal("Name an existing step.", diagnostic.GetProperty("fix").GetString());
        var b = root.GetProperty("files")[1];
        Assert.True(b.GetProperty("valid").GetBoolean());
        Assert.Equal("warning", b.GetProperty("diagnostics")[0].GetProperty("severity").GetString());
    }

    [Fact]
    public void Write_UnknownLocation_PrintsLineOneColumnOneAsTheHumanLineDoes()
    {
        var unknown = new Diagnostic(DiagnosticSeverity.Error, "PB0002", "Empty.", SourceLocation.Unknown, "", "");
        ValidatedFile[] files = [new("a.yaml", Report("a.yaml", unknown))];

        using var json = Write(files);

        var diagnostic = json.RootElement.GetProperty("files")[0].GetProperty("diagnostics")[0];
        Assert.Equal(1, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(1, diagnostic.GetProperty("column").GetInt32());
        Assert.StartsWith("a.yaml:1:1: ", unknown.Format("a.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_QuotesInMessages_StayReadable()
    {
        var quoted = new Diagnostic(DiagnosticSeverity.Error, "PB0101", "Step 'deploy' needs 'build' <here> & there.", new SourceLocation(2, 3), "", "");
        ValidatedFile[] files = [new("a.yaml", Report("a.yaml", quoted))];
        using var output = new StringWriter();

        JsonValidationWriter.Write(files, ValidationSummary.From(files), output);

        Assert.Contains("\"Step 'deploy' needs 'build' <here> & there.\"", output.ToString(), StringComparison.Ordinal);
    }

    private static JsonDocument Write(IReadOnlyList<ValidatedFile> files)
    {
        using var output = new StringWriter();
        JsonValidationWriter.Write(files, ValidationSummary.From(files), output);
        return JsonDocument.Parse(output.ToString());
    }
}
