using McpPlaybooks.Engine.Validation;
using YamlDotNet.Core;

namespace McpPlaybooks.Engine.Documents;

/// <summary>
/// Reads one YAML or JSON document into <see cref="DocumentNode"/>s that keep their source locations.
/// It never throws on bad input: every problem becomes a located diagnostic.
/// </summary>
public static class DocumentReader
{
    public static DocumentReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new List<Diagnostic>();
        if (text.Length > DocumentLimits.MaxCharacters)
        {
            diagnostics.Add(Problems.Error(
                DiagnosticCodes.DocumentTooLarge,
                $"the document is {text.Length:N0} characters long; the limit is {DocumentLimits.MaxCharacters:N0}",
                new SourceLocation(1, 1),
                "",
                "split the playbook, or move large data out of it"));
            return new DocumentReadResult(null, diagnostics);
        }

        var builder = new DocumentBuilder(text, diagnostics);
        try
        {
            var root = builder.Build();
            return new DocumentReadResult(root, diagnostics);
        }
        catch (YamlException e)
        {
            // At the very end of the text, the bracket left open says more than the end does.
            var atEnd = e.Start.Index >= text.TrimEnd().Length;
            var location = atEnd && builder.InnermostOpen is { } open ? open : ToLocation(e.Start);
            diagnostics.Add(Problems.Error(
                DiagnosticCodes.YamlSyntax,
                Describe(e) + (atEnd && builder.InnermostOpen is not null ? ", and the text ends before the bracket opened here is closed" : ""),
                location,
                "",
                "fix the YAML syntax at this position (indentation, a missing ':' or quote, or an unclosed bracket)"));
            return new DocumentReadResult(null, diagnostics);
        }
        catch (DocumentLimitException e)
        {
            diagnostics.Add(Problems.Error(DiagnosticCodes.DocumentTooLarge, e.Message, e.Location, "", e.Fix));
            return new DocumentReadResult(null, diagnostics);
        }
    }

    internal static SourceLocation ToLocation(Mark mark) =>
        mark.Line > 0 ? new SourceLocation((int)mark.Line, (int)mark.Column) : new SourceLocation(1, 1);

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is ours to print.
        var message = e.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && marker > 0)
        {
            message = message[(marker + 3)..];
        }

        message = message.Trim();
        if (message.Length > 0)
        {
            message = char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');
        }

        return $"YAML syntax error: {message}";
    }
}
