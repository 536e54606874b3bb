using McpPlaybooks.Server.Dashboard;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The HTTP transport: the SDK's (<c>WithHttpTransport</c>) with sessions for <c>initialize</c> clients (2025-11-25 and
/// older) and stateless service for 2026-07-28 clients on the same endpoint, legacy SSE, our session caps and idle time;
/// the access tokens as an ASP.NET Core authentication scheme; our checks in front.
/// </summary>
internal static class HttpTransportServices
{
    /// <summary>The most bytes of SSE events kept for resumption (<c>Last-Event-ID</c>).</summary>
    public const long EventStoreBytes = 16L * 1024 * 1024;

    /// <summary>
    /// The share of the events a full store drops at once, oldest first. The cache's default (5%) compacted the store
    /// hundreds of times a second under load (each time sorting every event kept): 9% of the server's CPU at 2,500 calls/s.
    /// </summary>
    public const double EventStoreCompaction = 0.5;

    public static IServiceCollection AddHttpTransport(this IServiceCollection services, IMcpServerBuilder mcp, HttpServerSettings http)
    {
        ArgumentNullException.ThrowIfNull(mcp);
        ArgumentNullException.ThrowIfNull(http);
        services.AddSingleton(http);
        services.AddSingleton(http.Tokens);
        services.AddSingleton(new RequestOriginPolicy(http.AllowedHosts, http.AllowedOrigins));
        services.AddSingleton(new RefusalLogThrottle(http.Time));
        services.AddSingleton<OriginHostCheck>();
        services.AddSingleton<RequestBodyRules>();
        services.AddSingleton<SessionAdmission>();
        services.AddSingleton<LegacyMessageCheck>();
        services.AddSingleton<HttpSessionStore>();
        services.AddSingleton<HealthEndpoint>();
        services.AddHostedService<IdleMemoryTrim>();
        services.AddDashboard(http.Tokens, http.Dashboard, http.Time);
        services.AddApprovalPage();
        services.AddAuthentication(AccessTokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, configureOptions: null);
        services.AddAuthorization();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, HttpResultsJson.Default));

        // Resumability: the events of each SSE stream, kept in memory for a client that reconnects with Last-Event-ID.
        // Bounded: at most 16 MiB of events (the cache counts their bytes, not its own entries, so the heap holds more),
        // none kept much beyond a session's idle time. Every POST's answer is an event: with 64 MiB, 50 clients × 60 s
        // left the process 284 MB above its resident size before the load; with 16 MiB, 50 clients × 30 s left 55 MB
        // (see IdleMemoryTrim).
        var keep = TimeSpan.FromTicks(Math.Max(http.SessionIdleTimeout.Ticks, TimeSpan.TicksPerMinute));
        services.AddDistributedMemoryCache(cache =>
        {
            cache.SizeLimit = EventStoreBytes;
            cache.CompactionPercentage = EventStoreCompaction;
        });
#pragma warning disable MCP9006 // The event store of stateful Streamable HTTP, on purpose: 2025-11-25 clients resume their streams.
        mcp.WithDistributedCacheEventStreamStore(store =>
        {
            store.EventSlidingExpiration = keep;
            store.EventAbsoluteExpiration = keep * 2;
            store.MetadataSlidingExpiration = keep;
        });
#pragma warning restore MCP9006
        mcp.WithHttpTransport(options =>
        {
            options.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCP9004, MCP9006 // Legacy SSE and the stateful session's idle time, on purpose: older clients use them.
            options.EnableLegacySse = true;
            options.IdleTimeout = http.SessionIdleTimeout;
#pragma warning restore MCP9004, MCP9006
            options.TimeProvider = http.Time;
            options.ConfigureSessionOptions = (context, _, _) =>
            {
                context.RequestServices.GetRequiredService<HttpSessionStore>().Admit(context);
                return Task.CompletedTask;
            };
#pragma warning disable MCPEXP002 // RunSessionHandler: the one place that sees a session's server start and stop.
            options.RunSessionHandler = (context, server, cancellationToken) =>
                context.RequestServices.GetRequiredService<HttpSessionStore>().RunAsync(context, server, cancellationToken);
#pragma warning restore MCPEXP002
        });
        return services;
    }
}
