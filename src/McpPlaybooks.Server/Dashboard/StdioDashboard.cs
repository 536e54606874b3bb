using System.Net.Sockets;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Hosting.Http;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The dashboard beside MCP on stdio: started in the background once the client's opening exchange is answered (the serve
/// host's <c>handshake</c> task: its first request after <c>initialize</c>, or at the latest a few seconds after start), so that
/// those answers never share the machine with Kestrel's start; not started at all when <c>stopping</c> is cancelled by then
/// (the client left); its address logged once bound. An address that cannot be bound is a warning and MCP goes on. Disposing
/// waits for a start still under way, then stops the listener.
/// </summary>
internal sealed partial class StdioDashboard : IAsyncDisposable
{
    private readonly Task<DashboardHost?> _started;

    private StdioDashboard(Task<DashboardHost?> started)
    {
        _started = started;
    }

    /// <summary>The running listener, or null when it could not listen.</summary>
    public Task<DashboardHost?> Started => _started;

    public static StdioDashboard Start(PlaybookEngine engine, PlaybookCatalog catalog, HttpListenAddress listen, ApprovalPageAddress page, ApprovalSettings approvals, Task handshake, CancellationToken stopping, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(typeof(StdioDashboard).FullName!);
        return new StdioDashboard(Task.Run(async () =>
        {
            await handshake.ConfigureAwait(false);
            if (stopping.IsCancellationRequested)
            {
                return null;
            }

            try
            {
                var host = await DashboardHost.StartAsync(engine, catalog, listen, page, approvals, loggerFactory, CancellationToken.None).ConfigureAwait(false);
                DashboardLog.Address(loggerFactory, host.StartAddress, host.Access);
                return host;
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                LogCannotListen(logger, listen.Authority(listen.Port), e.Message);
                return null;
            }
#pragma warning disable CA1031 // Whatever stops the dashboard must not stop MCP: it is logged, and MCP goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
                return null;
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        if (await _started.ConfigureAwait(false) is { } host)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The dashboard could not start; MCP is served on stdio all the same")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard cannot listen on {Address}: {Reason}. MCP is served on stdio all the same; choose another address with --ui, or --ui off")]
    private static partial void LogCannotListen(ILogger logger, string address, string reason);
}
