namespace McpPlaybooks.Engine.Text;

/// <summary>Finds the closest known name to a misspelled one, for "did you mean" hints.</summary>
public static class Suggestions
{
    /// <summary>The candidate equal ignoring case, else the nearest within <paramref name="limit"/> edits (ignoring case); null if none.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates, int limit)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            var distance = Distance(name, candidate, limit);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>A typo's budget for names in a playbook: a third of the name, at least one edit.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates, Math.Max(1, name.Length / 3)) is { } closest ? $"did you mean '{closest}'?" : "";

    /// <summary>The optimal string alignment distance (a swap of two neighbours counts as one edit), capped just above <paramref name="limit"/>.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit || a.Length > 64 || b.Length > 64)
        {
            return limit + 1;
        }

        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var previous2 = rows[(i + 1) % 3];
            var previous = rows[(i + 2) % 3];
            var current = rows[i % 3];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = SameLetter(a[i - 1], b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && SameLetter(a[i - 1], b[j - 2]) && SameLetter(a[i - 2], b[j - 1]))
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
            }
        }

        return Math.Min(rows[a.Length % 3][b.Length], limit + 1);
    }

    private static bool SameLetter(char a, char b) => char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
}
