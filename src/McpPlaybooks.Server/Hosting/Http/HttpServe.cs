using System.Net.Sockets;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Cli;
using McpPlaybooks.Server.Dashboard;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// <c>serve --http</c>: listens, writes <c>listening on http://ADDRESS:PORT/mcp</c> to stderr (the bound port when 0 was
/// asked: what scripts and tests read), serves until Ctrl+C or SIGTERM, then ends every session.
/// </summary>
internal static partial class HttpServe
{
    public const string ListeningPrefix = "listening on ";

    public static async Task<int> RunAsync(
        PlaybookEngine engine,
        PlaybookCatalog catalog,
        ServerSettings settings,
        HttpServerSettings http,
        ILoggerFactory loggerFactory,
        ServeStartup started,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(error);
        var logger = loggerFactory.CreateLogger(typeof(HttpServe).FullName!);
        HttpMcpHost host;
        try
        {
            host = await HttpMcpHost.StartAsync(engine, catalog, settings, http, loggerFactory, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            await error.WriteLineAsync($"error: cannot listen on {http.Listen.Authority(http.Listen.Port)}: {e.Message}");
            return ExitCodes.Failure;
        }

        await using (host)
        {
            LogListening(logger, host.Endpoint, http.Tokens.Enabled ? $"{http.Tokens.Count} bearer tokens" : "no tokens", string.Join(", ", http.AllowedHosts));
            if (!http.Listen.IsLoopback && !http.Tokens.Enabled)
            {
                LogRemoteWithoutTokens(logger, http.Listen.Address.ToString());
            }

            if (RemoteWithLocalHostsOnly(http))
            {
                LogRemoteWithLocalHosts(logger, http.Listen.Address.ToString());
            }

            DashboardLog.Address(loggerFactory, host.DashboardAddress, host.DashboardAccess);
            await error.WriteLineAsync(ListeningPrefix + host.Endpoint);
            await error.FlushAsync(cancellationToken);
            if (!await started.CatalogReadAsync())
            {
                return ExitCodes.Failure;
            }

            await host.WaitForShutdownAsync(cancellationToken);
        }

        return ExitCodes.Success;
    }

    /// <summary>Whether the server listens beyond loopback yet accepts only local Host names: remote clients would all get 403.</summary>
    internal static bool RemoteWithLocalHostsOnly(HttpServerSettings http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return !http.Listen.IsLoopback && http.AllowedHosts.SequenceEqual(HttpServerSettings.LocalHosts, StringComparer.OrdinalIgnoreCase);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on {Address}, beyond this machine, but AllowedHosts is the default (localhost only): remote clients' Host headers get 403; set AllowedHosts to the names clients use to reach this server")]
    private static partial void LogRemoteWithLocalHosts(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving MCP over HTTP at {Endpoint} (legacy SSE at /sse, health at /healthz); {Tokens}; Host names allowed: {Hosts}")]
    private static partial void LogListening(ILogger logger, Uri endpoint, string tokens, string hosts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on {Address} without tokens, as AllowRemoteWithoutTokens accepts: anyone who can reach it and passes the Host/Origin check can run playbooks")]
    private static partial void LogRemoteWithoutTokens(ILogger logger, string address);
}
