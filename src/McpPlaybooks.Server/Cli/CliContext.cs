namespace McpPlaybooks.Server.Cli;

/// <summary>
/// What a command writes to: the process's standard output and error, or string writers in tests.
/// Results go to <see cref="Out"/>; problems with the invocation itself go to <see cref="Error"/>. Both show the control
/// characters history text may hold rather than act on them (<see cref="TerminalText"/>).
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = new TerminalSafeWriter(output);

    public TextWriter Error { get; } = new TerminalSafeWriter(error);

    /// <summary>Standard output as is, for the styled console (<see cref="Run.TerminalStyle"/>), which writes colours itself and makes its text safe first.</summary>
    public TextWriter ConsoleOut { get; } = output;

    /// <summary>Reads an environment variable (null when unset); tests give their own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The directory relative paths and <c>./playbooks</c> are taken from; tests give a temporary one.</summary>
    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Whether <see cref="Out"/> is an interactive terminal (not redirected): colour and a spinner are for it only.</summary>
    public bool Terminal { get; init; }

    /// <summary>Who a command acts as, recorded as the approver, requester or starter: <c>cli:</c> and the user name.</summary>
    public static string Identity => "cli:" + System.Environment.UserName;

    public static CliContext FromConsole() => new(Console.Out, Console.Error) { Terminal = !Console.IsOutputRedirected };
}
