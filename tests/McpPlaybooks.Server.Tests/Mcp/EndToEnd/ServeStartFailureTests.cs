using McpPlaybooks.Server.Cli;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>What <c>serve</c> says when it cannot start (in process: it fails before any transport opens).</summary>
public sealed class ServeStartFailureTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Serve_DataDirectoryIsAFile_ExitsOneWithOneLine()
    {
        var file = _root.Write("not-a-folder", "x");

        var result = await ServeAsync(new Dictionary<string, string>(), "--data-dir", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: cannot use the data directory {file}: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SecretsFileMissing_ExitsOneNamingTheFile()
    {
        var secrets = Path.Combine(_root.Path, "missing.env");

        var result = await ServeAsync(new Dictionary<string, string> { ["MCPPLAYBOOKS_SECRETS_FILE"] = secrets }, "--data-dir", Path.Combine(_root.Path, "data"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(secrets, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadVariableAndBadAppSettings_ExitsTwoNamingWhereEachCameFrom()
    {
        var settings = _root.Write("appsettings.json", """{ "ShutdownGraceSeconds": "soon" }""");

        var result = await ServeAsync(new Dictionary<string, string> { ["MCPPLAYBOOKS_ALLOW_SHELL_SCRIPTS"] = "maybe" }, "--data-dir", Path.Combine(_root.Path, "data"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [
                "error: MCPPLAYBOOKS_ALLOW_SHELL_SCRIPTS must be true or false, got 'maybe'",
                $"error: ShutdownGraceSeconds in {settings} must be a whole number of seconds from 0 to 3600, got 'soon'",
            ],
            result.ErrorLines);
    }

    [Fact]
    public async Task Serve_AppSettingsNotJson_ExitsTwoNamingTheFile()
    {
        var settings = _root.Write("appsettings.json", "{ not json");

        var result = await ServeAsync(new Dictionary<string, string>(), "--data-dir", Path.Combine(_root.Path, "data"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: cannot read {settings}: ", line, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>serve ARGS</c> in process from the temporary folder, with only these variables set.</summary>
    private async Task<CliResult> ServeAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error)
        {
            Environment = name => environment.GetValueOrDefault(name),
            CurrentDirectory = _root.Path,
        };
        var exitCode = await CliApplication.RunAsync(["serve", .. args], context, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => _root.Dispose();
}
