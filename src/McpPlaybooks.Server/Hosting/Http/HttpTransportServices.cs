using McpPlaybooks.Server.Mcp.Sessions;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>The services of the HTTP transport: its settings, checks, sessions, event store and endpoints.</summary>
internal static class HttpTransportServices
{
    public static IServiceCollection AddHttpTransport(this IServiceCollection services, HttpServerSettings http)
    {
        ArgumentNullException.ThrowIfNull(http);
        services.AddSingleton(http);
        services.AddSingleton(http.Tokens);
        services.AddSingleton(new RequestOriginPolicy(http.AllowedHosts, http.AllowedOrigins));
        services.AddSingleton<OriginHostCheck>();
        services.AddSingleton<BearerAuthentication>();
        services.AddSingleton<HttpSessionStore>();
        services.AddSingleton<McpSessionFactory>();
        services.AddSingleton<StreamableHttpEndpoint>();
        services.AddSingleton<LegacySseEndpoint>();
        services.AddSingleton<HealthEndpoint>();

        // Resumability: the events of each SSE stream, kept in memory for a client that reconnects with Last-Event-ID.
        // Bounded: at most 64 MiB of events (the cache counts bytes), none kept much beyond a session's idle time.
        var keep = TimeSpan.FromTicks(Math.Max(http.SessionIdleTimeout.Ticks, TimeSpan.TicksPerMinute));
        services.AddDistributedMemoryCache(cache => cache.SizeLimit = 64L * 1024 * 1024);
#pragma warning disable MCP9006 // The event store of stateful Streamable HTTP, used on purpose: sessions are what elicitation needs.
        services.AddSingleton<ISseEventStreamStore>(provider => new DistributedCacheEventStreamStore(
            Options.Create(new DistributedCacheEventStreamStoreOptions
            {
                Cache = provider.GetRequiredService<IDistributedCache>(),
                EventSlidingExpiration = keep,
                EventAbsoluteExpiration = keep * 2,
                MetadataSlidingExpiration = keep,
            }),
            provider.GetRequiredService<ILogger<DistributedCacheEventStreamStore>>()));
#pragma warning restore MCP9006
        return services;
    }
}
