using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// Where <c>serve --http</c> listens: an IP address (or <c>localhost</c>, taken as 127.0.0.1) and a port, 0 meaning any
/// free port. Written <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>localhost:8080</c> or <c>0.0.0.0:8080</c>, with or
/// without <c>http://</c> in front.
/// </summary>
internal sealed record HttpListenAddress(IPAddress Address, int Port)
{
    /// <summary>Whether only this machine can reach the address (127.0.0.0/8 or ::1).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>The address as a URL authority: <c>127.0.0.1:8080</c> or <c>[::1]:8080</c>.</summary>
    public string Authority(int port) =>
        Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{port}" : $"{Address}:{port}";

    /// <summary>Whether the address is every interface's (<c>0.0.0.0</c> or <c>[::]</c>), which no one can open in a browser.</summary>
    public bool IsWildcard => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);

    /// <summary>
    /// The authority people reach this listener at, for the addresses it prints and sends (the dashboard's, the approval
    /// links'): the listen address itself, but for a wildcard the first name of <paramref name="allowedHosts"/> (the
    /// names its <c>Host</c> check accepts; an entry without a port takes <paramref name="port"/>), or loopback when it
    /// has none but <c>*</c>.
    /// </summary>
    public string PublicAuthority(int port, IReadOnlyList<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        if (!IsWildcard)
        {
            return Authority(port);
        }

        var name = allowedHosts.Select(entry => entry.Trim()).FirstOrDefault(entry => entry.Length > 0 && entry != "*");
        if (name is null)
        {
            return Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[::1]:{port}" : $"127.0.0.1:{port}";
        }

        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf(']') ? name : $"{name}:{port}";
    }

    /// <summary>The address, or null with <paramref name="problem"/> saying what is wrong and how it should look.</summary>
    public static HttpListenAddress? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var rest = text.Trim();
        if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["http://".Length..].TrimEnd('/');
        }

        // IPv6 goes in brackets ([::1]:8080), so that the port's colon is the last one.
        var colon = rest.LastIndexOf(':');
        var bracketed = rest.StartsWith('[') && colon > 0 && rest[colon - 1] == ']';
        if (colon <= 0 || (!bracketed && rest.IndexOf(':', StringComparison.Ordinal) != colon))
        {
            problem = $"must be ADDRESS:PORT, such as 127.0.0.1:8080 (port 0: any free port) or [::1]:8080, got '{text}'";
            return null;
        }

        var host = bracketed ? rest[1..(colon - 1)] : rest[..colon];
        if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            problem = $"needs a port from 0 (any free port) to 65535 after the colon, got '{text}'";
            return null;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new HttpListenAddress(IPAddress.Loopback, port);
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            problem = $"must name an IP address to listen on (127.0.0.1, ::1, or 0.0.0.0 for every interface), not a host name: got '{host}'";
            return null;
        }

        return new HttpListenAddress(address, port);
    }
}
