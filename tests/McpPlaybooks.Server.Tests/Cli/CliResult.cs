namespace McpPlaybooks.Server.Tests.Cli;

/// <summary>What a command line run left behind: its exit code, stdout and stderr.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> OutLines => TextLines.Of(Out);

    public IReadOnlyList<string> ErrorLines => TextLines.Of(Error);
}
