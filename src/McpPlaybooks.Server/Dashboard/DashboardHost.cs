using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Hosting.Http;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The dashboard's own listener while <c>serve</c> speaks MCP on stdio: Kestrel on a loopback address, without tokens
/// (the local user, behind this run's access token), behind the same Origin/Host check as <c>/mcp</c>, serving
/// <c>/ui/</c>, the probes and the approval page (<c>/approve/{token}</c>). It takes no signals of its own: <c>serve</c> stops it when MCP ends.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ApprovalPageAddress _page;

    private DashboardHost(WebApplication app, Uri baseAddress, ApprovalPageAddress page)
    {
        _app = app;
        _page = page;
        BaseAddress = baseAddress;
        Access = app.Services.GetRequiredService<DashboardAccess>();
    }

    /// <summary>The root, such as <c>http://127.0.0.1:43817/</c> (the bound port when 0 was asked).</summary>
    public Uri BaseAddress { get; }

    public DashboardAccess Access { get; }

    /// <summary>The URL a person opens first: the executions page with this run's access token.</summary>
    public Uri StartAddress => new(BaseAddress, Access.StartPath);

    /// <summary>Listens and serves; throws <see cref="IOException"/> when the address cannot be bound.</summary>
    public static async Task<DashboardHost> StartAsync(
        PlaybookEngine engine,
        PlaybookCatalog catalog,
        HttpListenAddress listen,
        ApprovalPageAddress page,
        ApprovalSettings approvals,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(listen);
        if (!listen.IsLoopback)
        {
            throw new ArgumentException($"the dashboard under stdio listens on loopback only, not {listen.Address}", nameof(listen));
        }

        var builder = SlimWebApp.CreateBuilder(loggerFactory, HttpServerSettings.DefaultMaxConnections);
        builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Listen(listen.Address, listen.Port);
        });
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(new RequestOriginPolicy(HttpServerSettings.LocalHosts, HttpServerSettings.LocalOrigins));
        builder.Services.AddSingleton<OriginHostCheck>();
        builder.Services.AddDashboard(AccessTokens.None, new DashboardSessionLimits(), TimeProvider.System);
        builder.Services.AddSingleton(page);
        builder.Services.AddSingleton(approvals);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddApprovalPage();

        var app = builder.Build();
        app.Use(app.Services.GetRequiredService<OriginHostCheck>().InvokeAsync);
        app.UseRouting();
        app.UseDashboardGate();
        app.Use(Unserved);
        app.MapDashboard();
        app.MapApprovalLinks();
        var port = await SlimWebApp.StartAsync(app, cancellationToken).ConfigureAwait(false);
        var baseAddress = new Uri($"http://{listen.Authority(port)}/");

        // The approval page is served here too: links issued from now on point at this listener.
        await page.SetAsync(baseAddress, cancellationToken).ConfigureAwait(false);
        return new DashboardHost(app, baseAddress, page);
    }

    /// <summary>Stops listening: open pages' event streams end, requests in flight finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _page.ClearAsync().ConfigureAwait(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>What no endpoint serves: under <c>/ui</c> the dashboard's 404 and 405 (<see cref="DashboardUnserved"/>), elsewhere a 404 page.</summary>
    private static async Task Unserved(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is not null)
        {
            await next(context).ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && DashboardUnserved.Covers(context))
            {
                await DashboardUnserved.WriteAsync(context, StatusCodes.Status405MethodNotAllowed).ConfigureAwait(false);
            }

            return;
        }

        if (DashboardUnserved.Covers(context))
        {
            await DashboardUnserved.WriteAsync(context, StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        DashboardGate.Secure(context.Response);
        await DashboardHtml.WriteMessageAsync(context, StatusCodes.Status404NotFound, "Not found",
            $"Nothing is served at {RequestText.Path(context)}. The dashboard is at {DashboardRoutes.Home}; MCP is on stdio.").ConfigureAwait(false);
    }
}
