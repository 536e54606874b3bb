using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// What a log line or a refusal repeats of a request that anyone may have sent: each value (a header, the path) whole
/// when short, else its first <see cref="MaxChars"/> characters and how many were cut, so that one request never writes
/// more than a few hundred characters of its own; and never the token of an approval link (<c>/approve/{token}</c>),
/// which is a person's credential: only its first <see cref="ApprovalTokenHead"/> characters.
/// </summary>
internal static class RequestText
{
    /// <summary>The most characters of one request-supplied value that a line repeats.</summary>
    public const int MaxChars = 200;

    /// <summary>How much of an approval link's token a path keeps: enough to tell links apart, nothing to decide with.</summary>
    public const int ApprovalTokenHead = 4;

    private const string ApprovalSegment = "approve";

    /// <summary>The value whole when short, else its head and <c>…[N characters cut]</c>.</summary>
    public static string Bound(string? value)
    {
        if (value is null)
        {
            return "";
        }

        return value.Length <= MaxChars
            ? value
            : string.Create(CultureInfo.InvariantCulture, $"{value[..MaxChars]}…[{value.Length - MaxChars} characters cut]");
    }

    /// <summary>One header of the request, bounded (all its values, comma-separated).</summary>
    public static string Header(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Bound(context.Request.Headers[name].ToString());
    }

    /// <summary>
    /// The request's path as a log may show it: escaped (no control characters), bounded, its query left out, and the
    /// token of an approval link cut to its head (<c>/approve/X9_4…[redacted]</c>), however the path spells the segment.
    /// </summary>
    public static string Path(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Path(context.Request.Path);
    }

    /// <inheritdoc cref="Path(HttpContext)"/>
    public static string Path(PathString path)
    {
        // PathString.ToString() escapes what a URI may not hold, so a path never breaks a log line.
        var text = path.ToString();
        var start = text.Length - text.TrimStart('/').Length;
        var end = start + ApprovalSegment.Length;
        if (text.Length > end && text.AsSpan(start, ApprovalSegment.Length).Equals(ApprovalSegment, StringComparison.OrdinalIgnoreCase))
        {
            var token = text[end..].TrimStart('/');
            return $"{text[..end]}/{token[..Math.Min(token.Length, ApprovalTokenHead)]}…[redacted]";
        }

        return Bound(text);
    }

    /// <summary>
    /// Where a URL header (such as <c>Referer</c>) points, without its path and query, which may hold a link's token or
    /// the dashboard's start-up access token: its scheme, host and port when it is an absolute URL, else the value bounded.
    /// </summary>
    public static string OriginOf(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.Request.Headers[name].ToString();
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? Bound(uri.GetLeftPart(UriPartial.Authority))
            : Bound(value);
    }
}
