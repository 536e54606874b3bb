using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The start-up line that gives a person the dashboard's address, the same under stdio and HTTP. Its category is one of
/// <see cref="Hosting.ServerLogging.ForPeople"/>: it is written whatever the log level (a refused page sends people to it).
/// </summary>
internal static partial class DashboardLog
{
    public static void Address(ILoggerFactory loggerFactory, Uri address, DashboardAccess access)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(access);
        LogAddress(loggerFactory.CreateLogger(typeof(DashboardLog).FullName!), address, access.UsesTokens
            ? "log in with your access token"
            : "this machine only; the link carries this run's access token: open it in your browser, once");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard at {Url} ({Access})")]
    private static partial void LogAddress(ILogger logger, Uri url, string access);
}
