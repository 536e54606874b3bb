namespace McpPlaybooks.Engine.Text;

/// <summary>
/// Finds the first construct of a .NET pattern that the non-backtracking engine refuses, to say which and where
/// (.NET's own error names the kind only): backreferences, lookarounds, atomic groups, conditionals, balancing
/// groups and <c>\G</c>. Escapes and character classes are skipped; anything else is left to .NET's message.
/// </summary>
internal static class RefusedConstructs
{
    private const string Backreference = "a backreference";
    private const string BackreferenceFix = "a backreference cannot be matched in linear time: write the repeated text out, list the allowed values with enum, or check the value in a step (assert)";
    private const string LookaroundFix = "write what must be there as part of the match (a(b) rather than (?<=a)b); a rule such as 'contains a digit' is a pattern of its own ([0-9]), so check the other rules with min_length, max_length, enum or a step (assert)";

    private static readonly (string Start, string Name, string Fix)[] Groups =
    [
        ("(?=", "a lookahead", LookaroundFix),
        ("(?!", "a negative lookahead", LookaroundFix),
        ("(?<=", "a lookbehind", LookaroundFix),
        ("(?<!", "a negative lookbehind", LookaroundFix),
        ("(?>", "an atomic group", "write a plain group, (?:...): a pattern never backtracks here, so an atomic group changes nothing"),
        ("(?(", "a conditional", "write the alternatives out with | (for example (?:a1|b2) rather than (?(a)1|2))"),
    ];

    public static (int Offset, string Text, string Name, string Fix)? First(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\' when i + 1 < pattern.Length:
                    if (Escape(pattern, i) is { } escape)
                    {
                        return escape;
                    }

                    i++;
                    break;
                case '[':
                    i = EndOfClass(pattern, i);
                    break;
                case '(':
                    if (Group(pattern, i) is { } group)
                    {
                        return group;
                    }

                    break;
            }
        }

        return null;
    }

    private static (int, string, string, string)? Escape(string pattern, int i)
    {
        var next = pattern[i + 1];
        if (next is >= '1' and <= '9')
        {
            return (i, pattern.Substring(i, 2), Backreference, BackreferenceFix);
        }

        if (next == 'k' && i + 2 < pattern.Length && pattern[i + 2] is '<' or '\'')
        {
            return (i, pattern.Substring(i, 3), Backreference, BackreferenceFix);
        }

        return next == 'G' ? (i, @"\G", "the anchor \\G", "anchor the pattern at the start of the value with ^") : null;
    }

    private static (int, string, string, string)? Group(string pattern, int i)
    {
        var rest = pattern.AsSpan(i);
        foreach (var (start, name, fix) in Groups)
        {
            if (rest.StartsWith(start, StringComparison.Ordinal))
            {
                return (i, start, name, fix);
            }
        }

        // A balancing group: (?<name1-name2>...) or (?'name1-name2'...).
        if (rest.Length > 3 && rest[1] == '?' && rest[2] is '<' or '\'')
        {
            var close = rest[2] == '<' ? '>' : '\'';
            var end = rest[3..].IndexOf(close);
            if (end > 0 && rest.Slice(3, end).Contains('-'))
            {
                return (i, rest[..(end + 4)].ToString(), "a balancing group", "check the nesting in a step (assert): a balancing group cannot be matched in linear time");
            }
        }

        return null;
    }

    /// <summary>The index of the <c>]</c> that closes the class opened at <paramref name="open"/> (a first <c>]</c> is a literal).</summary>
    private static int EndOfClass(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        for (; i < pattern.Length && pattern[i] != ']'; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
        }

        return i;
    }
}
