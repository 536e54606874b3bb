using McpPlaybooks.Server.Cli;

namespace McpPlaybooks.Server.Tests.Cli;

/// <summary>Runs the command line in this process, with string writers for stdout and stderr.</summary>
internal static class InProcessCli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, new CliContext(output, error), CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
