using System.Text;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>
/// Against URL injection: a value templated into a URL (<c>http</c>'s <c>url</c>, <c>notify</c>'s <c>webhook</c>,
/// <c>wait_for</c>'s <c>http.url</c>) may not change the structure the playbook's author wrote, unless the step sets a
/// literal <c>allow_url_syntax: true</c>. Each value is judged by where it lands (<see cref="UrlPosition"/>): one that
/// starts the URL may be a base URL, but not carry a '?' or '#' that would move the author's path after it into a query or
/// fragment; in the host no '/', '\', '?', '#' or '@'; in the path no '/', '\', '?' or '#', no dot segment and no
/// percent-encoded '/', '\' or '.'; in the query no '#', nor '&amp;' in a parameter's value; in the fragment anything. A
/// URL that is one expression and nothing else is not checked here (the allowlist guards its host). The refusal is a
/// Validation failure, before anything is sent, that names the expression and never shows the value.
/// </summary>
internal static class UrlTemplateCheck
{
    public const string OptOut = "allow_url_syntax";

    private static readonly string[] EncodedSeparators = ["%2f", "%5c", "%2e"];

    /// <summary>Throws a validation failure for the first value templated into <paramref name="url"/> that changes its structure.</summary>
    /// <param name="with">The step's <c>with:</c> as written (its opt-out).</param>
    /// <param name="url">The URL argument as written; nothing is checked unless it is a template of several parts.</param>
    /// <param name="scope">The scope the arguments were rendered in.</param>
    public static void Check(ObjectTemplate with, ValueTemplate? url, IExpressionScope scope, string action, string label)
    {
        ArgumentNullException.ThrowIfNull(with);
        ArgumentNullException.ThrowIfNull(scope);
        if (url is not StringTemplate { Template: { IsSingleExpression: false, HasExpressions: true } written } || OptedOut(with))
        {
            return;
        }

        var values = written.RenderParts(scope);
        var starts = new int[values.Count];
        var rendered = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            rendered.Append(written.Literals[i]);
            starts[i] = rendered.Length;
            rendered.Append(values[i]);
        }

        var text = rendered.Append(written.Literals[^1]).ToString();
        for (var i = 0; i < values.Count; i++)
        {
            if (ReadsOnlySecrets(written.Expressions[i].Expression))
            {
                // A secret is the operator's (a webhook's path kept secret: T000/B000/XXXX), not a caller's.
                continue;
            }

            var position = PositionOf(text[..starts[i]]);
            var moreAfter = i < values.Count - 1 || !string.IsNullOrWhiteSpace(written.Literals[i + 1]);
            if (Problem(position, text, starts[i], values[i], moreAfter) is { } problem)
            {
                throw ArgumentValues.Invalid(
                    $"{action}: the value of {{{{ {written.Expressions[i].Expression.Text} }}}} in '{label}' lands in {Where(position)} and {problem}; " +
                    $"nothing was sent. Check the input or the upstream output it is templated from, or, if the value is meant to " +
                    $"carry URL syntax, set {OptOut}: true on the step");
            }
        }
    }

    /// <summary>An expression that reads <c>secrets</c> and nothing else: what the server's operator set (a secret input is an input, and checked).</summary>
    private static bool ReadsOnlySecrets(Expression expression) =>
        expression.References.Count > 0 && expression.References.All(reference => reference.Root == "secrets");

    /// <summary>True when the step opts out with a literal <c>allow_url_syntax: true</c>.</summary>
    private static bool OptedOut(ObjectTemplate with) =>
        with[OptOut] is LiteralTemplate { Value: { Kind: ValueKind.Boolean } allow } && allow.AsBoolean();

    /// <summary>Where a value lands after <paramref name="before"/>, the URL's rendered text up to it.</summary>
    private static UrlPosition PositionOf(string before)
    {
        if (string.IsNullOrWhiteSpace(before))
        {
            return UrlPosition.Start;
        }

        var scheme = before.IndexOf("://", StringComparison.Ordinal);
        var path = scheme < 0 ? -1 : before.IndexOfAny(['/', '\\', '?', '#'], scheme + 3);
        if (path < 0)
        {
            return UrlPosition.Authority;
        }

        if (before.IndexOf('#', path) >= 0)
        {
            return UrlPosition.Fragment;
        }

        if (before.IndexOf('?', path) < 0)
        {
            return UrlPosition.Path;
        }

        return before[before.LastIndexOfAny(['?', '&', '='])] == '=' ? UrlPosition.QueryValue : UrlPosition.Query;
    }

    /// <summary>What is wrong with <paramref name="value"/>, which starts at <paramref name="start"/> of the rendered <paramref name="url"/>; null when nothing.</summary>
    private static string? Problem(UrlPosition position, string url, int start, string value, bool moreAfter) => position switch
    {
        UrlPosition.Start when moreAfter => Holds(value, "?#", "would move the rest of the URL the playbook wrote into a query or fragment"),
        UrlPosition.Authority => Holds(value, "/\\?#@", "would change the host the playbook wrote, or end it early"),
        UrlPosition.Path => Holds(value, "/\\?#", "would change the path the playbook wrote (another segment, a query or a fragment)")
            ?? EncodedSeparator(value)
            ?? DotSegment(url, start, value),
        UrlPosition.Query => Holds(value, "#", "would cut the rest of the URL off into a fragment"),
        UrlPosition.QueryValue => Holds(value, "#&", "would add a query parameter, or cut the rest of the URL off into a fragment"),
        _ => null,
    };

    private static string Where(UrlPosition position) => position switch
    {
        UrlPosition.Start => "the start of the URL",
        UrlPosition.Authority => "the host",
        UrlPosition.Path => "the path",
        UrlPosition.Query => "the query",
        UrlPosition.QueryValue => "a query parameter's value",
        _ => "the fragment",
    };

    private static string? Holds(string value, string refused, string why) =>
        value.IndexOfAny(refused.ToCharArray()) is var at and >= 0 ? $"holds '{value[at]}', which {why}" : null;

    private static string? EncodedSeparator(string value) =>
        EncodedSeparators.Any(encoded => value.Contains(encoded, StringComparison.OrdinalIgnoreCase))
            ? "holds a percent-encoded '/', '\\' or '.' (%2F, %5C, %2E), which a server may decode into a path of its own"
            : null;

    /// <summary>A value that makes its path segment <c>.</c> or <c>..</c>, which climbs the path the playbook wrote.</summary>
    private static string? DotSegment(string url, int start, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var from = url.LastIndexOfAny(['/', '\\'], start - 1) + 1;
        var to = url.IndexOfAny(['/', '\\', '?', '#'], start + value.Length);
        var segment = url[from..Math.Max(from, to < 0 ? url.TrimEnd().Length : to)];

        // A path parameter after ';' does not stop a server from taking "..;x" as ".." (Tomcat, Spring).
        return segment.Split(';')[0] is "." or ".."
            ? "makes a dot segment ('.' or '..'), which would climb out of the path the playbook wrote"
            : null;
    }
}
