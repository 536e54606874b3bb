using System.Text.Json;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Server.Tests.Cli.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Validate_ValidFile_PrintsSummaryAndExitsZero()
    {
        var path = _directory.Write("hello.yaml", TestPlaybooks.Valid);

        var result = await InProcessCli.RunAsync("validate", path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("1 file: ", result.OutLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("error", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Validate_FileReadingASecret_WarnsOnlyWhenItsVariableIsNotSet()
    {
        var path = _directory.Write("secret.yaml", TestPlaybooks.ReadsASecret);

        var unset = await Run.RunCli.RunAsync(_directory.Path, "validate", path);
        var set = await Run.RunCli.RunAsync(_directory.Path, new Dictionary<string, string> { ["PLAYBOOK_SECRET_API_TOKEN"] = "x" }, "validate", path);

        Assert.Equal(0, unset.ExitCode);
        Assert.StartsWith($"{path}:8:26: warning PB1007: secrets.API_TOKEN is not set: PLAYBOOK_SECRET_API_TOKEN or the secrets file", unset.OutLines[0], StringComparison.Ordinal);
        Assert.Equal(0, set.ExitCode);
        Assert.DoesNotContain("PB1007", set.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FileWithError_PrintsCompilerLineAndSummaryAndExitsOne()
    {
        var path = _directory.Write("empty.yaml", TestPlaybooks.Empty);

        var result = await InProcessCli.RunAsync("validate", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"^{Regex.Escape(path)}:\d+:\d+: error PB\d{{4}}: .+", result.OutLines[0]);
        Assert.Matches(@"^1 file: \d+ errors?", result.OutLines[^1]);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Validate_MissingFile_WritesDiagnosticToStderrAndExitsOne()
    {
        var path = Path.Combine(_directory.Path, "nope.yaml");

        var result = await InProcessCli.RunAsync("validate", path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"{path}:1:1: error PB0005: ", line, StringComparison.Ordinal);
        Assert.Equal(["1 file: 1 error"], result.OutLines);
    }

    [Fact]
    public async Task Validate_MissingAndValidFiles_CountsTheMissingOneAsAnError()
    {
        var valid = _directory.Write("hello.yaml", TestPlaybooks.Valid);
        var missing = Path.Combine(_directory.Path, "nope.yaml");

        var result = await InProcessCli.RunAsync("validate", valid, missing);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("2 files: 1 error", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Directory_ValidatesItsPlaybookFilesInOrder()
    {
        _directory.Write("b.yaml", TestPlaybooks.Valid);
        _directory.Write("a.yml", TestPlaybooks.Valid);
        _directory.Write("c.json", TestPlaybooks.Empty);
        _directory.Write("notes.md", TestPlaybooks.Empty);
        _directory.Write("nested/d.yaml", TestPlaybooks.Empty);

        var result = await InProcessCli.RunAsync("validate", _directory.Path, "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var paths = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString());
        Assert.Equal(
            [Path.Combine(_directory.Path, "a.yml"), Path.Combine(_directory.Path, "b.yaml"), Path.Combine(_directory.Path, "c.json")],
            paths);
    }

    [Fact]
    public async Task Validate_JsonWithError_PrintsOneDocumentWithTheDiagnostic()
    {
        var path = _directory.Write("empty.yaml", TestPlaybooks.Empty);

        var result = await InProcessCli.RunAsync("validate", "--json", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("errors").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("warnings").ValueKind);
        var file = Assert.Single(root.GetProperty("files").EnumerateArray());
        Assert.Equal(path, file.GetProperty("path").GetString());
        Assert.False(file.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, file.GetProperty("playbook_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, file.GetProperty("playbook_version").ValueKind);
        var diagnostic = file.GetProperty("diagnostics")[0];
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Matches(@"^PB0\d{3}$", diagnostic.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(diagnostic.GetProperty("message").GetString()));
        Assert.True(diagnostic.GetProperty("line").GetInt32() >= 1);
        Assert.True(diagnostic.GetProperty("column").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.String, diagnostic.GetProperty("path").ValueKind);
        Assert.Equal(JsonValueKind.String, diagnostic.GetProperty("fix").ValueKind);
    }

    [Fact]
    public async Task Validate_JsonValidFile_ReportsPlaybookIdAndVersion()
    {
        var path = _directory.Write("hello.yaml", TestPlaybooks.Valid);

        var result = await InProcessCli.RunAsync("validate", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetInt32());
        var file = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.True(file.GetProperty("valid").GetBoolean());
        Assert.Equal("say-hello", file.GetProperty("playbook_id").GetString());
        Assert.Equal("1.0.0", file.GetProperty("playbook_version").GetString());
    }

    [Fact]
    public async Task Validate_JsonMissingFile_ReportsItInJsonAndOnStderr()
    {
        var path = Path.Combine(_directory.Path, "nope.yaml");

        var result = await InProcessCli.RunAsync("validate", path, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{path}:1:1: error PB0005: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Out);
        var file = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.False(file.GetProperty("valid").GetBoolean());
        Assert.Equal("PB0005", Assert.Single(file.GetProperty("diagnostics").EnumerateArray()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "--json")]
    [InlineData("validate", "hello.yaml", "--bogus")]
    [InlineData("validate", "--jsn", "hello.yaml")]
    public async Task Validate_BadUsage_ExitsTwoWithNothingOnStdout(params string[] args)
    {
        var result = await InProcessCli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("error: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("validate --help", result.ErrorLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Help_DescribesPathsAndJsonAndExitsZero()
    {
        var result = await InProcessCli.RunAsync("validate", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<PATH>...", result.Out, StringComparison.Ordinal);
        Assert.Contains("--json", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }
}
