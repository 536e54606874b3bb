using Spectre.Console;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Whether and how a command decorates what it prints for people: colour and a live spinner on an interactive terminal,
/// plain text when the output is redirected, <c>NO_COLOR</c> is set (no-color.org) or <c>TERM</c> is <c>dumb</c>.
/// </summary>
internal static class TerminalStyle
{
    public static bool IsOn(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Terminal
            && string.IsNullOrEmpty(context.Environment("NO_COLOR"))
            && !string.Equals(context.Environment("TERM"), "dumb", StringComparison.Ordinal);
    }

    /// <summary>A console over <paramref name="output"/>: ANSI colour and interaction when <paramref name="styled"/>, plain text otherwise.</summary>
    public static IAnsiConsole Console(TextWriter output, bool styled) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = styled ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = styled ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = styled ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
}
