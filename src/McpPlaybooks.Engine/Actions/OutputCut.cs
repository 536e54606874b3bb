using System.Globalization;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Actions;

/// <summary>
/// The marker the engine writes where it cut the middle of bounded output (a shell stream beyond
/// <c>MaxOutputBytes</c>), saying how much was produced in all, and its reading by views that shorten the text again.
/// </summary>
public static partial class OutputCut
{
    /// <summary><c>\n…[5,177,344 of 5,242,880 bytes cut; only the head and tail are kept]…\n</c>.</summary>
    public static string Marker(long cut, long total) =>
        string.Create(CultureInfo.InvariantCulture, $"\n…[{cut:N0} of {total:N0} bytes cut; only the head and tail are kept]…\n");

    /// <summary>The bytes cut and produced in all, read from the first marker in the text; null when it holds none.</summary>
    public static (long Cut, long Total)? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = MarkerPattern().Match(text);
        return match.Success ? (Number(match.Groups["cut"].Value), Number(match.Groups["total"].Value)) : null;
    }

    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"…\[(?<cut>\d{1,3}(?:,\d{3})*) of (?<total>\d{1,3}(?:,\d{3})*) bytes cut; only the head and tail are kept\]…", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
