using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Cli;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Mcp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// MCP over stdio, for <see cref="ServeHost"/> (HTTP is <see cref="HttpServe"/>): the SDK's transport in a
/// <see cref="StdioHost"/>, and the client's opening exchange, after which the catalogue's first load and the dashboard
/// begin, so that on a small machine they do not slow the first answers.
/// </summary>
internal static class StdioServe
{
    /// <summary>How long after the client spoke past initialize start-up work waits for the answer to its first request.</summary>
    private static readonly TimeSpan OpeningGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a session that has ended waits for the catalogue's load begun after its opening exchange.</summary>
    private static readonly TimeSpan LoadGraceAtEnd = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Serves until the client closes stdin (the session ends), or the token (Ctrl+C, SIGTERM); 1 when the session faulted or
    /// the playbook folders cannot be read while the client is still there. <paramref name="answered"/> is completed by the
    /// first answer to the client (to <c>initialize</c>).
    /// </summary>
    public static async Task<int> RunAsync(PlaybookEngine engine, PlaybookCatalog catalog, ServeOptions options, ILoggerFactory loggerFactory, ILogger logger, ServeStartup started, TaskCompletionSource answered, CancellationToken cancellationToken)
    {
        var (settings, ui) = (options.Server, options.Ui);
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        // The client's opening exchange: it spoke after initialize (normally notifications/initialized), and the first of
        // its requests that follow was answered (normally tools/list).
        var spoke = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        services.AddPlaybooksServer(engine, catalog, settings).WithStdioServerTransport()
            .WithMessageFilters(filters => filters.AddIncomingFilter(next => (context, token) =>
            {
                if (context.JsonRpcMessage is not JsonRpcRequest { Method: RequestMethods.Initialize })
                {
                    spoke.TrySetResult();
                }

                return next(context, token);
            }).AddOutgoingFilter(next => async (context, token) =>
            {
                await next(context, token).ConfigureAwait(false);
                if (context.JsonRpcMessage is JsonRpcResponse or JsonRpcError && !answered.TrySetResult())
                {
                    opened.TrySetResult();
                }
            }));
        await using var provider = services.BuildServiceProvider();

        // The dashboard and the catalogue's first load begin once the client's opening exchange is served (a call that reads
        // the catalogue begins its load at once): after the answer to its first request that follows initialize, or a moment
        // after it spoke when no request follows. Begun at once, they took the CPU the answer to tools/list needed on a small
        // machine. The dashboard stops once MCP has ended.
        // A client that leaves before that (it closed stdin) has the server stop at once, beginning neither.
        using var over = new CancellationTokenSource();
        var handshaken = AtTheLatestAsync(Task.WhenAny(opened.Task, AfterAsync(spoke.Task, OpeningGrace), Task.Delay(Timeout.Infinite, over.Token)), options.ClientWait);
        var stopping = over.Token;
        _ = handshaken.ContinueWith(_ =>
        {
            if (!stopping.IsCancellationRequested)
            {
                catalog.BeginLoading();
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        await using var dashboard = ui is null ? null : StdioDashboard.Start(engine, catalog, ui, provider.GetRequiredService<ApprovalPageAddress>(), settings.Approvals, handshaken, stopping, loggerFactory);

        var host = new StdioHost(provider);
        try
        {
            await host.StartAsync(cancellationToken);

            // Serves until the client closes stdin (the session ends), or Ctrl+C or SIGTERM (the command's token). Playbook
            // folders that cannot be read stop it, unless the client has gone already.
            var ended = host.SessionEnded;
            var ready = started.CatalogReadAsync();
            if (await Task.WhenAny(ready, ended) == ready && !await ready)
            {
                return ExitCodes.Failure;
            }

            await Task.WhenAny(ended, Task.Delay(Timeout.Infinite, cancellationToken));
            if (ended.Exception?.InnerException is { } failure)
            {
                ServeHost.LogFailed(logger, failure);
                return ExitCodes.Failure;
            }

            // A client that leaves right after its opening exchange: the catalogue's load, begun after it, is let finish
            // (briefly), so that the log still says what was served. One that left before it began is not waited for.
            if (handshaken.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                await Task.WhenAny(ready, Task.Delay(LoadGraceAtEnd, TimeProvider.System, cancellationToken));
            }

            return ExitCodes.Success;
        }
        finally
        {
            await over.CancelAsync();
            await host.StopAsync();
        }
    }

    /// <summary>
    /// Completes with <paramref name="signal"/> (from the client), or <paramref name="wait"/> after start when it has not come
    /// (<see cref="ServeOptions.ClientWait"/>): what waits for the client over stdio (the dashboard, the catalogue's first
    /// load, the takeover) then begins anyway.
    /// </summary>
    public static Task AtTheLatestAsync(Task signal, TimeSpan wait) => Task.WhenAny(signal, Task.Delay(wait, TimeProvider.System));

    private static async Task AfterAsync(Task signal, TimeSpan delay)
    {
        await signal.ConfigureAwait(false);
        await Task.Delay(delay, TimeProvider.System).ConfigureAwait(false);
    }
}
