using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>The URLs of the HTTP actions: parsing, the breaker target, and a form fit for messages.</summary>
internal static class HttpUrls
{
    /// <summary>The argument as an absolute http or https URL; a Validation failure otherwise (never echoing the text, which may hold a secret).</summary>
    public static Uri Parse(Value arguments, string action, string name, string? label = null)
    {
        var shownName = label ?? name;
        var text = ArgumentValues.OptionalString(arguments, action, name)
            ?? throw ArgumentValues.Invalid($"{action}: '{shownName}' is required.");
        RequestCharacters.CheckLine(action, shownName, text);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw ArgumentValues.Invalid($"{action}: '{shownName}' must be an absolute http or https URL, such as https://api.example.com/path.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw ArgumentValues.Invalid($"{action}: '{shownName}' must be an http or https URL, not {uri.Scheme}.");
        }

        return uri;
    }

    /// <summary>The URL, or null when the argument is absent or not an http URL.</summary>
    public static Uri? TryParse(Value arguments, string name)
    {
        try
        {
            return Parse(arguments, "", name);
        }
        catch (ActionFailedException)
        {
            return null;
        }
    }

    /// <summary>The breaker key: <c>scheme://host:port</c>, the port always explicit.</summary>
    public static string TargetOf(Uri uri) => $"{uri.Scheme}://{uri.Host}:{uri.Port}";

    /// <summary>
    /// Scheme, host, port when not the default, and path; no user info, and a query shown only as <c>?…</c>. The path is
    /// shown as it was written (rendered), not as <see cref="Uri"/> escapes it: escaped its own way, a secret in it
    /// (<c>a+b c</c> became <c>a+b%20c</c>) was neither the secret nor any encoded form of it the masker knows.
    /// </summary>
    public static string Display(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + WrittenPath(uri) + (uri.Query.Length > 1 ? "?…" : "");
    }

    /// <summary>The path of the URL as its text has it (up to a query or fragment); <c>/</c> when it has none.</summary>
    private static string WrittenPath(Uri uri)
    {
        var text = uri.OriginalString.Trim();
        var authority = text.IndexOf("://", StringComparison.Ordinal);
        var start = authority < 0 ? -1 : text.IndexOfAny(['/', '?', '#'], authority + 3);
        if (start < 0 || text[start] != '/')
        {
            return "/";
        }

        var end = text.IndexOfAny(['?', '#'], start);
        return end < 0 ? text[start..] : text[start..end];
    }
}
