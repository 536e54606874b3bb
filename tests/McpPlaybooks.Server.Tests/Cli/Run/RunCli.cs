using McpPlaybooks.Server.Cli;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>Runs the command line in this process with its own working directory and environment.</summary>
internal static class RunCli
{
    public static Task<CliResult> RunAsync(string currentDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(currentDirectory, environment, CancellationToken.None, args);

    /// <summary>As the other overloads; cancelling <paramref name="cancellationToken"/> is what Ctrl+C (SIGINT) does to the command.</summary>
    public static async Task<CliResult> RunAsync(string currentDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error)
        {
            CurrentDirectory = currentDirectory,
            Environment = name => environment.GetValueOrDefault(name),
        };
        var exitCode = await CliApplication.RunAsync(args, context, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(string currentDirectory, params string[] args) =>
        RunAsync(currentDirectory, new Dictionary<string, string>(), args);
}
