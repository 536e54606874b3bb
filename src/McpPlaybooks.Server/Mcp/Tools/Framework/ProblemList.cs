using System.Globalization;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// The problems of a call as an error lists them, one a line: the first <see cref="Shown"/>, then how many more, so that a
/// call with thousands of bad names does not come back as thousands of lines.
/// </summary>
internal static class ProblemList
{
    public const int Shown = 10;

    /// <summary>"- a\n- b" (no trailing line break), with "- and N more problems" past <see cref="Shown"/>.</summary>
    public static string Of(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var lines = problems.Take(Shown).Select(p => "- " + p);
        if (problems.Count > Shown)
        {
            lines = lines.Append(string.Create(CultureInfo.InvariantCulture, $"- and {problems.Count - Shown} more problems"));
        }

        return string.Join("\n", lines);
    }
}
