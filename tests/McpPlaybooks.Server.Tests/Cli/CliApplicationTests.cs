using McpPlaybooks.Server.Cli;

namespace McpPlaybooks.Server.Tests.Cli;

public sealed class CliApplicationTests
{
    [Fact]
    public async Task RunAsync_Help_PrintsDescriptionAndExitsZero()
    {
        var result = await InProcessCli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(CliRootCommandBuilder.Description, result.Out, StringComparison.Ordinal);
        Assert.Contains("validate", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task RunAsync_NoCommand_ExitsTwoWithErrorOnStderrOnly()
    {
        var result = await InProcessCli.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains("error: Required command was not provided.", result.ErrorLines);
        Assert.EndsWith("--help' for usage.", result.ErrorLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsTwoWithErrorOnStderrOnly()
    {
        var result = await InProcessCli.RunAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains("error: Unrecognized command or argument 'frobnicate'.", result.ErrorLines);
    }

    [Fact]
    public async Task RunAsync_HelpOfEveryCommand_NamesTheProgramMcpPlaybooks()
    {
        var root = CliRootCommandBuilder.Build(new CliContext(TextWriter.Null, TextWriter.Null));
        var paths = root.Subcommands.SelectMany(c => c.Subcommands.Select(s => new[] { c.Name, s.Name }).Prepend([c.Name])).ToList();
        Assert.Contains(["serve"], paths);

        foreach (var path in paths)
        {
            var result = await InProcessCli.RunAsync([.. path, "--help"]);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains($"mcp-playbooks {string.Join(' ', path)}", result.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("McpPlaybooks.Server", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_MisspeltCommand_SuggestsTheClosestAndNamesTheProgram()
    {
        var result = await InProcessCli.RunAsync("runn", "playbooks/x.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Unrecognized command or argument 'runn'. Did you mean 'run'?", result.ErrorLines);
        Assert.Equal("Run 'mcp-playbooks --help' for usage.", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task RunAsync_UnknownWordFarFromEveryCommand_SuggestsNothing()
    {
        var result = await InProcessCli.RunAsync("frobnicate");

        Assert.DoesNotContain(result.ErrorLines, line => line.Contains("Did you mean", StringComparison.Ordinal));
    }
}
