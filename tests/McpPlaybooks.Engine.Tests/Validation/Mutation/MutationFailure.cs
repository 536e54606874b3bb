namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>A mutant on which the validator broke its contract, with what it takes to reproduce it.</summary>
internal sealed record MutationFailure(Mutant Mutant, MutantVerdict Verdict)
{
    public string Describe()
    {
        var line = Verdict.Line > 0 ? Verdict.Line : Mutant.FocusLine;
        return $"""
            {Mutant.Describe()}
              {string.Join("\n  ", Verdict.Violations.Take(3))}
              reproduce: new PlaybookMutator({Mutant.Seed}).Mutate(<{Mutant.SeedName}>)
            {Excerpt(Mutant.Text, line)}
            """;
    }

    /// <summary>The lines around <paramref name="line"/>, numbered, each cut to 120 characters.</summary>
    public static string Excerpt(string text, int line)
    {
        var lines = text.Split('\n');
        var from = Math.Max(1, line - 2);
        var to = Math.Min(lines.Length, line + 2);
        return string.Join('\n', Enumerable.Range(from, Math.Max(0, to - from + 1)).Select(n =>
        {
            var content = lines[n - 1].Replace("\t", "\\t", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
            return $"    {(n == line ? ">" : " ")}{n,4} | {(content.Length > 120 ? content[..117] + "..." : content)}";
        }));
    }
}
