using System.Text.Json;
using System.Text.RegularExpressions;
using McpPlaybooks.Server.Cli;

namespace McpPlaybooks.Server.Tests.Cli.EndToEnd;

/// <summary>The built executable, run as a child process in a temporary working directory.</summary>
public sealed class ValidateEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Validate_RelativeFileWithError_PrintsRelativePathAndExitsOne()
    {
        _directory.Write("playbooks/broken.yaml", TestPlaybooks.Empty);

        var result = await RunAsync("validate", "playbooks/broken.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^playbooks/broken\.yaml:\d+:\d+: error PB\d{4}: .+", result.OutLines[0]);
        Assert.Matches(@"^1 file: \d+ errors?", result.OutLines[^1]);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Validate_DirectoryOfValidFiles_ExitsZero()
    {
        _directory.Write("playbooks/a.yaml", TestPlaybooks.Valid);
        _directory.Write("playbooks/b.yml", TestPlaybooks.Valid);

        var result = await RunAsync("validate", "playbooks");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("2 files: ", result.OutLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(" error", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Validate_Json_PrintsOnlyOneJsonDocumentOnStdout()
    {
        _directory.Write("hello.yaml", TestPlaybooks.Valid);
        _directory.Write("broken.yaml", TestPlaybooks.Empty);

        var result = await RunAsync("validate", "hello.yaml", "broken.yaml", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var files = json.RootElement.GetProperty("files");
        Assert.Equal("hello.yaml", files[0].GetProperty("path").GetString());
        Assert.True(files[0].GetProperty("valid").GetBoolean());
        Assert.Equal("say-hello", files[0].GetProperty("playbook_id").GetString());
        Assert.Equal("broken.yaml", files[1].GetProperty("path").GetString());
        Assert.False(files[1].GetProperty("valid").GetBoolean());
        Assert.True(json.RootElement.GetProperty("errors").GetInt32() >= 1);
    }

    [Fact]
    public async Task Validate_MissingFile_PrintsDiagnosticOnStderrAndExitsOne()
    {
        var result = await RunAsync("validate", "nope.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("nope.yaml:1:1: error PB0005: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(["1 file: 1 error"], result.OutLines);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "hello.yaml", "--bogus")]
    [InlineData("frobnicate")]
    public async Task Run_BadUsage_ExitsTwoWithErrorOnStderrAndNothingOnStdout(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("error: ", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_PrintsDescriptionAndExitsZero()
    {
        var result = await RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(CliRootCommandBuilder.Description, result.Out, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^\s+validate\b", RegexOptions.Multiline), result.Out);
        Assert.Empty(result.Error);
    }

    private Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(args, _directory.Path);
}
