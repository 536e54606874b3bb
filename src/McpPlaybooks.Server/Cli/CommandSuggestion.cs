using System.CommandLine;
using System.CommandLine.Parsing;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Server.Cli;

/// <summary>"Did you mean" for a misspelt command name (<c>runn</c> for <c>run</c>) or option (<c>--databse</c> for <c>--database</c>).</summary>
internal static class CommandSuggestion
{
    /// <summary>
    /// The suffix to add to a parse error (" Did you mean 'run'?"), or empty when the error is not about an unknown
    /// word where a subcommand or an option was expected, or nothing is close to it.
    /// </summary>
    public static string For(ParseResult parseResult, ParseError error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(error);
        var command = parseResult.CommandResult.Command;

        // An unknown option may also have been taken as an argument and refused there (RejectOptionLikeValues).
        var word = parseResult.UnmatchedTokens.FirstOrDefault()
            ?? parseResult.Tokens.Select(t => t.Value).FirstOrDefault(t => t.StartsWith("--", StringComparison.Ordinal) && error.Message.Contains($"'{t}'", StringComparison.Ordinal));
        if (word is null || !error.Message.Contains($"'{word}'", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var candidates = word.StartsWith('-')
            ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(name => name.StartsWith("--", StringComparison.Ordinal))
            : command.Subcommands.Select(c => c.Name);
        var suggestion = Suggestions.Closest(word, candidates, 2);
        return suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
    }
}
