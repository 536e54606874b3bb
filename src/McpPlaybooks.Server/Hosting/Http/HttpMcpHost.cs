using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Hosting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The MCP server over HTTP: the same MCP surface as stdio (<see cref="ServerServices.AddPlaybooksServer"/>) on the SDK's
/// ASP.NET Core transport and Kestrel, behind the Origin/Host check and bearer tokens, at <c>/mcp</c> (Streamable HTTP),
/// <c>/sse</c> + <c>/message</c> (legacy SSE) and <c>/healthz</c>. The engine and catalogue belong to the caller.
/// </summary>
internal sealed class HttpMcpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpMcpHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Sessions = app.Services.GetRequiredService<HttpSessionStore>();
        DashboardAccess = app.Services.GetRequiredService<DashboardAccess>();
    }

    /// <summary>
    /// The root of the server as people reach it, such as <c>http://127.0.0.1:43817/</c> (the bound port when 0 was asked);
    /// on <c>0.0.0.0</c>, the first of <c>AllowedHosts</c> (<see cref="HttpListenAddress.PublicAuthority"/>).
    /// </summary>
    public Uri BaseAddress { get; }

    /// <summary>The Streamable HTTP endpoint, <c>/mcp</c>.</summary>
    public Uri Endpoint => new(BaseAddress, HttpRoutes.Mcp);

    public HttpSessionStore Sessions { get; }

    /// <summary>The host's services (tests read the options they were built with).</summary>
    internal IServiceProvider Services => _app.Services;

    public DashboardAccess DashboardAccess { get; }

    /// <summary>The URL a person opens first: <c>/ui/</c>, with this run's access token when there are no tokens.</summary>
    public Uri DashboardAddress => new(BaseAddress, DashboardAccess.StartPath);

    /// <summary>Listens and serves; throws <see cref="IOException"/> when the address cannot be bound.</summary>
    public static async Task<HttpMcpHost> StartAsync(
        PlaybookEngine engine,
        PlaybookCatalog catalog,
        ServerSettings settings,
        HttpServerSettings http,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var builder = SlimWebApp.CreateBuilder(loggerFactory, http.MaxConnections);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = http.MaxRequestBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = http.HeadersTimeout;
            kestrel.Listen(http.Listen.Address, http.Listen.Port);
        });
        var mcp = builder.Services.AddPlaybooksServer(engine, catalog, settings);
        builder.Services.AddHttpTransport(mcp, http);
        builder.Services.AddPlaybookMetrics();

        var app = builder.Build();
        HttpPipeline.Configure(app, http);
        var port = await SlimWebApp.StartAsync(app, cancellationToken).ConfigureAwait(false);
        var baseAddress = new Uri($"http://{http.Listen.PublicAuthority(port, http.AllowedHosts)}/");
        await app.Services.GetRequiredService<ApprovalPageAddress>().SetAsync(baseAddress, cancellationToken).ConfigureAwait(false);
        return new HttpMcpHost(app, baseAddress);
    }

    /// <summary>Completes when the server is asked to stop (<paramref name="cancellationToken"/>, Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening and ends every session (the SDK disposes them as its host stops).</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
