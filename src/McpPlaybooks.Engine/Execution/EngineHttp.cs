using System.Net;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The engine's one <see cref="HttpClient"/>: no automatic redirects (a redirect is an answer like any
/// other, so an allowed host cannot bounce a request elsewhere), no client-wide timeout (each attempt's
/// token limits it), pooled connections renewed every two minutes (DNS changes are seen).
/// </summary>
internal static class EngineHttp
{
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        UseCookies = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
