using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Completions;

/// <summary>A completion answer: the candidates starting with what was typed (case aside), at most <see cref="MaxValues"/>, with the total and whether there are more.</summary>
internal static class CompletionValues
{
    public const int MaxValues = 100;

    public static Completion Of(IEnumerable<string> candidates, string typed)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var matches = candidates.Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).ToList();
        return new Completion { Values = [.. matches.Take(MaxValues)], Total = matches.Count, HasMore = matches.Count > MaxValues };
    }
}
