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
}
