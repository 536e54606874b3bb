using System.Globalization;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Text;

/// <summary>
/// A regular expression a playbook's author wrote (an input's <c>pattern</c>, an <c>errors:</c> <c>match</c>): .NET
/// syntax, matched by the non-backtracking engine, so that its time grows with the text's length, never exponentially,
/// whatever the pattern (<c>^([a-z]+)+$</c> included). That engine refuses what it cannot match so (backreferences,
/// lookarounds, atomic groups, conditionals, balancing groups, <c>\G</c>, and patterns whose automaton would pass
/// 10,000 nodes), and the validator reports them where they are written (PB0025, <see cref="Problem"/>). Every match
/// also has a time limit: a large pattern on a long text can still take long, and the limit's error blames the pattern.
/// </summary>
public static class PlaybookRegex
{
    public const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>The longest one match of an input's pattern may take.</summary>
    public static readonly TimeSpan InputMatchTimeout = TimeSpan.FromSeconds(1);

    public static Regex Compile(string pattern, RegexOptions extra, TimeSpan matchTimeout) => new(pattern, Options | extra, matchTimeout);

    /// <summary>
    /// Whether an input's <paramref name="pattern"/> matches <paramref name="text"/> (compiled once, in the shared cache of
    /// <see cref="Regex"/>). Throws <see cref="RegexMatchTimeoutException"/> past <see cref="InputMatchTimeout"/>, and
    /// <see cref="ArgumentException"/> or <see cref="NotSupportedException"/> for a pattern <see cref="Problem"/> refuses.
    /// </summary>
    public static bool IsMatch(string text, string pattern) => Regex.IsMatch(text, pattern, Options, InputMatchTimeout);

    /// <summary>What keeps <paramref name="pattern"/> from being used, where in it, and what to write instead; null when it compiles.</summary>
    public static PatternProblem? Problem(string pattern, RegexOptions extra = RegexOptions.None)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            _ = Compile(pattern, extra, InputMatchTimeout);
            return null;
        }
        catch (ArgumentException e)
        {
            return new PatternProblem(null, $"is not a valid regular expression: {e.Message}", false,
                "fix the regular expression (.NET syntax); escape a literal '.', '(' or '[' with a backslash");
        }
        catch (NotSupportedException e)
        {
            if (RefusedConstructs.First(pattern) is { } construct)
            {
                return new PatternProblem(construct.Offset, string.Create(CultureInfo.InvariantCulture,
                    $"uses {construct.Name} ('{construct.Text}' at character {construct.Offset + 1}), which patterns may not: they are matched in linear time, without backtracking"),
                    true, construct.Fix);
            }

            return new PatternProblem(null, $"cannot be matched in linear time: {e.Message}", true,
                "make it smaller: a counted repetition of a counted repetition multiplies (.{200} inside (...){1,20} is 4,000 states); check the length with max_length and keep the pattern simple");
        }
    }
}
