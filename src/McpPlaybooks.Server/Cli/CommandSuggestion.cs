using System.CommandLine;
using System.CommandLine.Parsing;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Server.Cli;

/// <summary>"Did you mean" for a misspelt command name, such as <c>runn</c> for <c>run</c>.</summary>
internal static class CommandSuggestion
{
    /// <summary>
    /// The suffix to add to a parse error (" Did you mean 'run'?"), or empty when the error is not about an unknown
    /// word where a subcommand was expected, or no subcommand is close to it.
    /// </summary>
    public static string For(ParseResult parseResult, ParseError error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(error);
        var command = parseResult.CommandResult.Command;
        if (command.Subcommands.Count == 0 || parseResult.UnmatchedTokens.Count == 0)
        {
            return string.Empty;
        }

        var word = parseResult.UnmatchedTokens[0];
        if (!error.Message.Contains($"'{word}'", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var suggestion = Suggestions.Closest(word, command.Subcommands.Select(c => c.Name), 2);
        return suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
    }
}
