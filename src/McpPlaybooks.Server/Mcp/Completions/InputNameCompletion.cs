using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Server.Mcp.Completions;

/// <summary>
/// Completes the <c>inputs</c> argument of a prompt (<c>name=value</c> pairs separated by commas or spaces): the last,
/// unfinished pair is completed to <c>name=</c> from the playbook's inputs not given yet, keeping what comes before it.
/// </summary>
internal static class InputNameCompletion
{
    private static readonly char[] Separators = [',', ';', ' ', '\n', '\t'];

    public static IEnumerable<string> Candidates(PlaybookDefinition playbook, string typed)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(typed);
        var cut = typed.LastIndexOfAny(Separators) + 1;
        var head = typed[..cut];
        var last = typed[cut..];
        if (last.Contains('=', StringComparison.Ordinal))
        {
            return [];
        }

        var given = head.Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)[0].Trim())
            .ToHashSet(StringComparer.Ordinal);
        return playbook.Inputs
            .Where(i => !given.Contains(i.Name) && i.Name.StartsWith(last, StringComparison.OrdinalIgnoreCase))
            .Select(i => typed[..cut] + i.Name + "=");
    }
}
