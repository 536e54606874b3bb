namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The DNS-rebinding rules: a request's <c>Host</c> must name an allowed host, and its <c>Origin</c>, when it has one
/// (browsers send it; other clients need not), an allowed origin. An entry without a port allows any port; <c>*</c>
/// allows anything. Names compare ignoring case.
/// </summary>
internal sealed class RequestOriginPolicy(IReadOnlyList<string> allowedHosts, IReadOnlyList<string> allowedOrigins)
{
    private readonly (string Host, string? Port)[] _hosts = [.. allowedHosts.Select(entry => SplitPort(entry.Trim()))];
    private readonly (string Scheme, string Host, string? Port)[] _origins = [.. allowedOrigins.Select(entry => SplitOrigin(entry.Trim().TrimEnd('/')))];

    /// <summary>Whether a <c>Host</c> header (<c>name[:port]</c>) is allowed; a missing or empty one is not.</summary>
    public bool AllowsHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        var (name, port) = SplitPort(host.Trim());
        return _hosts.Any(allowed => allowed.Host == "*" || (Same(allowed.Host, name) && (allowed.Port is null || allowed.Port == port)));
    }

    /// <summary>
    /// Whether an <c>Origin</c> header is allowed on a request whose <c>Host</c> passed <see cref="AllowsHost"/>: as
    /// <see cref="AllowsOrigin(string?)"/>, and also the request's own origin (<c>http(s)://</c> and that <c>Host</c>): a page
    /// this server served under a name it accepts. A page of another site cannot send it, since its browser sends its own
    /// origin, and a rebinding page's <c>Host</c> is its own name, which the Host check refuses first.
    /// </summary>
    public bool AllowsOrigin(string? origin, string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (origin is not null && host.Length > 0)
        {
            var (scheme, name, port) = SplitOrigin(origin.Trim());
            var (ownName, ownPort) = SplitPort(host.Trim());
            if ((Same(scheme, "http") || Same(scheme, "https")) && Same(name, ownName) && port == ownPort)
            {
                return true;
            }
        }

        return AllowsOrigin(origin);
    }

    /// <summary>Whether an <c>Origin</c> header is allowed; none at all is (a non-browser client), <c>null</c> (the literal) is not.</summary>
    public bool AllowsOrigin(string? origin)
    {
        if (origin is null)
        {
            return true;
        }

        var (scheme, name, port) = SplitOrigin(origin.Trim());
        if (name.Length == 0)
        {
            return _origins.Any(allowed => allowed.Host == "*");
        }

        return _origins.Any(allowed => allowed.Host == "*"
            || (Same(allowed.Scheme, scheme) && Same(allowed.Host, name) && (allowed.Port is null || allowed.Port == port)));
    }

    private static (string Scheme, string Host, string? Port) SplitOrigin(string origin)
    {
        if (origin == "*")
        {
            return ("", "*", null);
        }

        var separator = origin.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return ("", "", null);
        }

        var (host, port) = SplitPort(origin[(separator + 3)..]);
        return (origin[..separator], host, port);
    }

    /// <summary><c>name:port</c> or <c>[v6]:port</c> into the name (brackets kept) and the port (null when none).</summary>
    private static (string Host, string? Port) SplitPort(string authority)
    {
        var colon = authority.LastIndexOf(':');
        var closing = authority.LastIndexOf(']');
        return colon > closing && colon > 0
            ? (authority[..colon], authority[(colon + 1)..])
            : (authority, null);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
