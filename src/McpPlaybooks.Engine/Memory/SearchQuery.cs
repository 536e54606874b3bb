using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// Turns a caller's text into an FTS5 query that cannot be a syntax error: its words (letters and digits), each quoted,
/// joined by OR (bm25 ranks the hits with more of the words first). Operators, quotes and brackets are never passed on.
/// </summary>
internal static partial class SearchQuery
{
    /// <summary>The most words searched; the rest are left out.</summary>
    public const int MaxTerms = 20;

    /// <summary>The FTS5 MATCH text, or null when the text has no word.</summary>
    public static string? ToMatch(string text)
    {
        var terms = Word().Matches(text)
            .Select(m => m.Value.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .Select(term => "\"" + term + "\"")
            .ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }

    [GeneratedRegex(@"[\p{L}\p{N}_]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
