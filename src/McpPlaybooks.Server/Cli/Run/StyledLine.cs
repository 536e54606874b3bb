using Spectre.Console;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Colours a line that <see cref="HumanRunFormat"/> made, by what it starts with: a step's label (ok, FAILED, skipped...),
/// a log line's level, the summary's status. The text itself is unchanged, so a styled line reads as the plain one.
/// </summary>
internal static class StyledLine
{
    private static readonly (string Prefix, string Style)[] Styles =
    [
        ("  ok ", "green"),
        ("  FAILED ", "bold red"),
        ("  INTERRUPTED ", "bold red"),
        ("  skipped ", "grey"),
        ("  not run ", "grey"),
        ("  waiting ", "bold yellow"),
        ("  cancelled ", "yellow"),
        ("  rolled back ", "yellow"),
        ("  would run ", "green"),
        ("  would skip ", "grey"),
        ("      WOULD FAIL:", "bold red"),
        ("      stdout |", "grey"),
        ("      stderr |", "grey"),
        ("      [error]", "red"),
        ("      [warning]", "yellow"),
        ("      [debug]", "grey"),
        ("  error:", "red"),
        ("  finally ", "red"),
        ("completed in ", "bold green"),
        ("dry run completed in ", "bold green"),
        ("failed in ", "bold red"),
        ("dry run failed in ", "bold red"),
        ("cancelled in ", "bold yellow"),
        ("rolled_back in ", "bold yellow"),
        ("waiting_approval in ", "bold yellow"),
        ("paused in ", "bold yellow"),
        ("running ", "bold"),
        ("dry run of ", "bold"),
    ];

    /// <summary>Spectre markup for <paramref name="line"/>: its label (or the whole line, for a summary) in its colour, the rest as is.</summary>
    public static string Markup(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var (prefix, style) in Styles)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                var head = line.Length > prefix.Length && char.IsWhiteSpace(prefix[^1]) ? prefix.TrimEnd() : line;
                return $"[{style}]{Spectre.Console.Markup.Escape(head)}[/]{Spectre.Console.Markup.Escape(line[head.Length..])}";
            }
        }

        return Spectre.Console.Markup.Escape(line);
    }
}
