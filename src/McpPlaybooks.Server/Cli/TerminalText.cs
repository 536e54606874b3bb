using System.Globalization;
using System.Text;

namespace McpPlaybooks.Server.Cli;

/// <summary>
/// Text from history made safe to print on a terminal: a gate's message, a step's output or an error may carry escape
/// sequences (a window title, colours, cursor moves that overwrite the line above: "approvers: anyone"), a lone carriage
/// return that does the same, or bidirectional overrides that reorder what is shown. Each such character is shown as
/// its escape (<c>\x1b</c>, <c>\r</c>, <c>\u202e</c>) instead of acting; a line feed, a tab and CR LF stay.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = 0;
        while (first < text.Length && !Acts(text, first))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (!Acts(text, i))
            {
                safe.Append(text[i]);
            }
            else if (text[i] <= 0xFF)
            {
                safe.Append(text[i] == '\r' ? "\\r" : "\\x" + ((int)text[i]).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                safe.Append("\\u").Append(((int)text[i]).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return safe.ToString();
    }

    /// <summary>Whether the character at <paramref name="i"/> would act on the terminal rather than show.</summary>
    private static bool Acts(string text, int i) => text[i] switch
    {
        '\n' or '\t' => false,
        '\r' => i + 1 >= text.Length || text[i + 1] != '\n',
        < ' ' or '\u007f' => true,
        >= '\u0080' and <= '\u009f' => true,
        >= '\u202a' and <= '\u202e' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
