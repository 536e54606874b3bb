using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>The start-up line that gives a person the dashboard's address, the same under stdio and HTTP.</summary>
internal static partial class DashboardLog
{
    public static void Address(ILogger logger, Uri address, DashboardAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        LogAddress(logger, address, access.UsesTokens
            ? "log in with your access token"
            : "this machine only; the link carries this run's access token: open it in your browser, once");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard at {Url} ({Access})")]
    private static partial void LogAddress(ILogger logger, Uri url, string access);
}
