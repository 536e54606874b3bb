using System.Net;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Hosting.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// Reads <c>Ui:Address</c> (<c>--ui</c>, <c>MCPPLAYBOOKS_UI</c>): where <c>serve</c> on stdio opens the dashboard. Unset is
/// 127.0.0.1 on any free port; <c>off</c> opens none; any other value is a loopback <c>ADDRESS:PORT</c>. An address other
/// machines could reach is refused: this listener has no tokens.
/// </summary>
internal static class DashboardAddressReader
{
    public const string Off = "off";

    /// <summary>The address, or null when the dashboard is off or the value is wrong (then a problem is added).</summary>
    public static HttpListenAddress? Read(ServeConfiguration configuration, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var text = configuration.Value(ServeSettings.Ui)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new HttpListenAddress(IPAddress.Loopback, 0);
        }

        if (string.Equals(text, Off, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var address = HttpListenAddress.Parse(text, out var problem);
        if (address is null)
        {
            problems.Add($"{configuration.Source(ServeSettings.Ui)} {problem}, or '{Off}'");
            return null;
        }

        if (!address.IsLoopback)
        {
            problems.Add(
                $"{configuration.Source(ServeSettings.Ui)}: the dashboard under stdio listens on loopback only (127.0.0.1 or [::1]), not {address.Address}: "
                + "it has no tokens. To reach it from other machines, run 'serve --http ADDRESS:PORT --tokens FILE', which serves the dashboard at /ui/.");
            return null;
        }

        return address;
    }
}
