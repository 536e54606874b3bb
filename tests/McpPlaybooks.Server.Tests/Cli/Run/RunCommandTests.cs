namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>
/// <c>run</c> in this process, up to the point where the engine would open: every problem found
/// before anything runs exits 2, says so on stderr, prints nothing on stdout and creates no data directory.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public RunCommandTests()
    {
        DataDirectory = Path.Combine(_directory.Path, "data");
    }

    private string DataDirectory { get; }

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("run")]
    [InlineData("run", "typed.yaml", "--bogus")]
    [InlineData("run", "--jsn", "typed.yaml")]
    [InlineData("run", "typed.yaml", "--input")]
    [InlineData("run", "typed.yaml", "--dry-run=maybe")]
    public async Task Run_BadUsage_ExitsTwoWithErrorOnStderrOnly(params string[] args)
    {
        _directory.Write("typed.yaml", RunPlaybooks.TypedInputs);

        var result = await RunCli.RunAsync(_directory.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("error: ", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--input", "count")]
    [InlineData("--inputs-json", "{not json")]
    [InlineData("--inputs-json", "[]")]
    public async Task Run_BadInputArgument_ExitsTwoAndRunsNothing(string option, string value)
    {
        _directory.Write("typed.yaml", RunPlaybooks.TypedInputs);

        var result = await Run("typed.yaml", "--input", "text=a", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("error: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task Run_UnknownId_ExitsTwoWithDidYouMean()
    {
        _directory.Write("playbooks/typed.yaml", RunPlaybooks.TypedInputs);

        var result = await Run("typed-input");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: no playbook with id 'typed-input' in {Path.Combine(_directory.Path, "playbooks")}, ", line, StringComparison.Ordinal);
        Assert.Contains("; did you mean 'typed-inputs'? Known ids: ", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task Run_InvalidPlaybook_ExitsTwoWithLocatedDiagnostics()
    {
        _directory.Write("broken.yaml", TestPlaybooks.WithTypoInNeeds);

        var result = await Run("broken.yaml", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Equal(["broken.yaml:11:9: error PB0101: step 'restart' needs 'chek', but no step has that id Fix: did you mean 'check'?"], result.ErrorLines);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task Run_MissingFile_ExitsTwoWithUnreadableDiagnostic()
    {
        var result = await Run("nope.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("nope.yaml:1:1: error PB0005: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidInputs_ExitsTwoWithEveryProblemAndCreatesNoDataDirectory()
    {
        _directory.Write("typed.yaml", RunPlaybooks.TypedInputs);

        var result = await Run("typed.yaml", "--input", "count=0", "--input", "cuont=2", "--inputs-json", """{"force": "yes"}""");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains(result.ErrorLines, line => line.StartsWith("error: input 'cuont' is not declared by playbook 'typed-inputs' (did you mean 'count'?)", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, line => line.StartsWith("error: input 'count' is 0, below the minimum of 1", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, line => line.StartsWith("error: input 'force' must be a boolean", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, line => line.StartsWith("error: input 'text' is required", StringComparison.Ordinal));
        Assert.Equal(4, result.ErrorLines.Count);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task Run_ValueThatDoesNotCoerce_ExitsTwoWithTypeMessage()
    {
        _directory.Write("typed.yaml", RunPlaybooks.TypedInputs);

        var result = await Run("typed.yaml", "--input", "text=a", "--input", "count=abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: input 'count' must be an integer, got 'abc'"], result.ErrorLines);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task Run_MisspeltNameAndValueThatDoesNotCoerce_ReportsBothAtOnceButNotRequired()
    {
        _directory.Write("typed.yaml", RunPlaybooks.TypedInputs);

        var result = await Run("typed.yaml", "--input", "txet=a", "--input", "count=abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: input 'count' must be an integer, got 'abc'", result.ErrorLines);
        Assert.Contains(result.ErrorLines, line => line.StartsWith("error: input 'txet' is not declared by playbook 'typed-inputs' (did you mean 'text'?)", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, line => line.StartsWith("error: input 'text' is required", StringComparison.Ordinal));
        Assert.DoesNotContain(result.ErrorLines, line => line.StartsWith("error: input 'count' is required", StringComparison.Ordinal));
        Assert.Equal(3, result.ErrorLines.Count);
    }

    [Fact]
    public async Task Run_BadEngineSetting_ExitsTwoAndRunsNothing()
    {
        _directory.Write("typed.yaml", RunPlaybooks.TypedInputs);
        var environment = new Dictionary<string, string> { ["MCPPLAYBOOKS_ALLOW_SHELL_SCRIPTS"] = "sometimes" };

        var result = await RunCli.RunAsync(_directory.Path, environment, "run", "typed.yaml", "--input", "text=a", "--input", "count=1", "--data-dir", DataDirectory);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: MCPPLAYBOOKS_ALLOW_SHELL_SCRIPTS must be true or false, got 'sometimes'"], result.ErrorLines);
        Assert.False(Directory.Exists(DataDirectory));
    }

    private Task<CliResult> Run(params string[] args) =>
        RunCli.RunAsync(_directory.Path, ["run", .. args, "--data-dir", DataDirectory]);
}
