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
