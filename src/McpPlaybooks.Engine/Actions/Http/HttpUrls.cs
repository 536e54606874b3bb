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

    /// <summary>Scheme, host, port when not the default, and path; no user info, and a query shown only as <c>?…</c>.</summary>
    public static string Display(Uri uri) =>
        uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        + (uri.Query.Length > 1 ? "?…" : "");
}
