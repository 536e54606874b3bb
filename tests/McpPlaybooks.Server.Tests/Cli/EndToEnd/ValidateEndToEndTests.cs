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
        Assert.Contains("mcp-playbooks [command] [options]", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("McpPlaybooks.Server", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Validate_BundledPlaybooks_HaveNoProblemsAndExitZero()
    {
        var playbooks = Path.Combine(RepositoryRoot(), "playbooks");
        string[] secrets = ["INCIDENT_COMMANDER_WEBHOOK", "ONCALL_SLACK_WEBHOOK", "SECONDARY_ESCALATION_WEBHOOK", "SLACK_WEBHOOK"];

        // Where the secrets they read are set; where they are not, each is a PB1007 warning (exit code still 0).
        var result = await CliProcess.RunAsync(["validate", playbooks], _directory.Path, secrets.ToDictionary(s => "PLAYBOOK_SECRET_" + s, _ => "https://hooks.example/x"));
        var unset = await RunAsync("validate", playbooks);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["5 files: no problems"], result.OutLines);
        Assert.Empty(result.Error);
        Assert.Equal(0, unset.ExitCode);
        Assert.All(secrets, name => Assert.Contains(unset.OutLines, line => line.Contains($": warning PB1007: secrets.{name} is not set", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Validate_BrokenPlaybook_PrintsExactLocationCodeAndFix()
    {
        _directory.Write("broken.yaml", TestPlaybooks.WithTypoInNeeds);

        var result = await RunAsync("validate", "broken.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            "broken.yaml:11:9: error PB0101: step 'restart' needs 'chek', but no step has that id Fix: did you mean 'check'?",
            "1 file: 1 error",
        ], result.OutLines);
    }

    [Fact]
    public async Task Validate_BrokenPlaybookAsJson_GivesLineColumnPathAndFix()
    {
        _directory.Write("broken.yaml", TestPlaybooks.WithTypoInNeeds);

        var result = await RunAsync("validate", "broken.yaml", "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var diagnostic = Assert.Single(json.RootElement.GetProperty("files")[0].GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("PB0101", diagnostic.GetProperty("code").GetString());
        Assert.Equal(11, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(9, diagnostic.GetProperty("column").GetInt32());
        Assert.Equal("steps[1].needs[0]", diagnostic.GetProperty("path").GetString());
        Assert.Equal("did you mean 'check'?", diagnostic.GetProperty("fix").GetString());
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "McpPlaybooks.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("McpPlaybooks.sln not found");
    }

    private Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(args, _directory.Path);
}
