using System.Text;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>
/// A prompt's markdown body: <c>{{name}}</c> is replaced by the argument's value (empty when not given), and
/// <c>{{#name}}…{{/name}}</c> is kept only when the argument is given, <c>{{^name}}…{{/name}}</c> only when it is not. A section tag alone on its line takes the line
/// with it, and blank lines left by a missing section shrink to one. Only word-like names are tags, so a playbook expression such as <c>{{ inputs.port }}</c> stays as written.
/// Values are inserted as they are, never read as tags.
/// </summary>
internal sealed partial class PromptTemplate
{
    private readonly IReadOnlyList<Token> _tokens;

    private PromptTemplate(IReadOnlyList<Token> tokens, IReadOnlySet<string> names)
    {
        _tokens = tokens;
        Names = names;
    }

    /// <summary>Every argument name the template refers to.</summary>
    public IReadOnlySet<string> Names { get; }

    /// <summary>Parses a body; unbalanced sections throw <see cref="FormatException"/> naming the tag.</summary>
    public static PromptTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = StandaloneSection().Replace(text.ReplaceLineEndings("\n"), "$1");
        var tokens = new List<Token>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var open = new Stack<string>();
        var at = 0;
        foreach (Match tag in Tag().Matches(text))
        {
            tokens.Add(new Token(TokenKind.Text, text[at..tag.Index]));
            at = tag.Index + tag.Length;
            var name = tag.Groups["name"].Value;
            names.Add(name);
            switch (tag.Groups["sigil"].Value)
            {
                case "#":
                    open.Push(name);
                    tokens.Add(new Token(TokenKind.Open, name));
                    break;
                case "^":
                    open.Push(name);
                    tokens.Add(new Token(TokenKind.OpenUnless, name));
                    break;
                case "/":
                    if (!open.TryPop(out var expected) || expected != name)
                    {
                        throw new FormatException($"'{{{{/{name}}}}}' closes {(expected is null ? "no open section" : $"the section of '{expected}'")}");
                    }

                    tokens.Add(new Token(TokenKind.Close, name));
                    break;
                default:
                    tokens.Add(new Token(TokenKind.Value, name));
                    break;
            }
        }

        if (open.TryPeek(out var unclosed))
        {
            throw new FormatException($"the section of '{unclosed}' is never closed with '{{{{/{unclosed}}}}}'");
        }

        tokens.Add(new Token(TokenKind.Text, text[at..]));
        return new PromptTemplate(tokens, names);
    }

    /// <summary>The text with the given arguments (a missing or empty one counts as not given).</summary>
    public string Render(IReadOnlyDictionary<string, string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var text = new StringBuilder();
        var skipping = 0;
        foreach (var token in _tokens)
        {
            var given = arguments.TryGetValue(token.Text, out var value) && !string.IsNullOrWhiteSpace(value);
            switch (token.Kind)
            {
                case TokenKind.Open:
                    skipping += skipping > 0 || !given ? 1 : 0;
                    break;
                case TokenKind.OpenUnless:
                    skipping += skipping > 0 || given ? 1 : 0;
                    break;
                case TokenKind.Close:
                    skipping -= skipping > 0 ? 1 : 0;
                    break;
                case TokenKind.Value when skipping == 0:
                    text.Append(given ? value : string.Empty);
                    break;
                case TokenKind.Text when skipping == 0:
                    text.Append(token.Text);
                    break;
            }
        }

        return BlankLines().Replace(text.ToString(), "\n\n").Trim();
    }

    [GeneratedRegex(@"\{\{\s*(?<sigil>[#^/]?)(?<name>[a-z_][a-z0-9_]*)\s*\}\}")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^[ \t]*(\{\{\s*[#^/][a-z_][a-z0-9_]*\s*\}\})[ \t]*\n", RegexOptions.Multiline)]
    private static partial Regex StandaloneSection();

    [GeneratedRegex(@"\n[ \t]*\n([ \t]*\n)+")]
    private static partial Regex BlankLines();

    private enum TokenKind
    {
        Text,
        Value,
        Open,
        OpenUnless,
        Close,
    }

    private sealed record Token(TokenKind Kind, string Text);
}
