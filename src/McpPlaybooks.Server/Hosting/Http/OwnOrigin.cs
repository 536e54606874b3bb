using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Whether a state-changing request came from this listener's own pages: its <c>Origin</c> is the request's own
/// <c>scheme://host[:port]</c> or the configured public address. Stricter than <see cref="OriginHostCheck"/>, whose
/// default allows any port of this machine: a page served by another program on another local port is not ours.
/// </summary>
internal static class OwnOrigin
{
    /// <summary>
    /// True when <c>Origin</c> (or, when <paramref name="refererWithoutOrigin"/> and the request has no Origin, the
    /// <c>Referer</c>'s origin) is this listener's or <paramref name="published"/>'s; a request with neither is refused.
    /// </summary>
    public static bool Matches(HttpContext context, Uri? published, bool refererWithoutOrigin)
    {
        ArgumentNullException.ThrowIfNull(context);
        var origin = context.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin) && refererWithoutOrigin)
        {
            origin = Uri.TryCreate(context.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
                && (referer.Scheme == Uri.UriSchemeHttp || referer.Scheme == Uri.UriSchemeHttps)
                ? referer.GetLeftPart(UriPartial.Authority)
                : "";
        }

        if (string.IsNullOrEmpty(origin))
        {
            return false;
        }

        var own = $"{context.Request.Scheme}://{context.Request.Host.Value}";
        var publishedOrigin = published?.GetLeftPart(UriPartial.Authority);
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || string.Equals(origin, publishedOrigin, StringComparison.OrdinalIgnoreCase);
    }
}
