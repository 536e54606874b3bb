using McpPlaybooks.Server.Dashboard.Sessions;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// How <c>serve --http</c> serves MCP: where it listens, which <c>Host</c> and <c>Origin</c> headers it accepts, the
/// bearer tokens, and the limits on connections, bodies, request times and sessions (MCP's and the dashboard's). Read by
/// <see cref="HttpSettingsReader"/>.
/// </summary>
internal sealed record HttpServerSettings
{
    /// <summary>The default of <see cref="MaxConnections"/>, also the limit of the dashboard's own listener under stdio.</summary>
    public const int DefaultMaxConnections = 1000;

    /// <summary>The default <c>Host</c> names: this machine only (any port).</summary>
    public static IReadOnlyList<string> LocalHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The default origins: pages served by this machine, over http or https, on any port.</summary>
    public static IReadOnlyList<string> LocalOrigins { get; } =
        [.. LocalHosts.SelectMany(host => new[] { "http://" + host, "https://" + host })];

    public required HttpListenAddress Listen { get; init; }

    /// <summary>Accepted <c>Host</c> names, each with or without a port (without: any port); <c>*</c> accepts any (<c>AllowedHosts</c>).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = LocalHosts;

    /// <summary>Accepted <c>Origin</c>s, <c>scheme://host[:port]</c> (without a port: any port); <c>*</c> accepts any (<c>AllowedOrigins</c>). A request without Origin is accepted.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = LocalOrigins;

    /// <summary>The bearer tokens (<c>TokensFile</c>); <see cref="AccessTokens.None"/> when requests need none.</summary>
    public AccessTokens Tokens { get; init; } = AccessTokens.None;

    /// <summary>The largest request body accepted, in bytes (<c>MaxRequestBodyBytes</c>, 1 MiB); larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// How long one POST may take before its response is ended (<c>RequestTimeoutSeconds</c>, 20 min: above the longest
    /// <c>wait_seconds</c>, 900, and an approval in chat). SSE streams (GET) are not limited.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>How long the request line and headers may take to arrive (30 s).</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most sessions open at once (<c>MaxSessions</c>, 100); a new one beyond gets 503.</summary>
    public int MaxSessions { get; init; } = 100;

    /// <summary>
    /// The most sessions one token's identity may have open at once (<c>MaxSessionsPerIdentity</c>, 20); a new one beyond
    /// gets 503. Without tokens every session is anonymous and only <see cref="MaxSessions"/> applies.
    /// </summary>
    public int MaxSessionsPerIdentity { get; init; } = 20;

    /// <summary>How long a session may go without a request before it is ended (<c>SessionIdleMinutes</c>, 30 min; the SDK checks every 5 s).</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The most connections open at once (<c>MaxConnections</c>, 1,000): Kestrel closes one more at once, unanswered. Each
    /// open stream (an MCP session's GET, a dashboard page's live feed) holds one.
    /// </summary>
    public long MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>
    /// The dashboard's sessions: <see cref="DashboardSessionLimits.PerIdentity"/> is <c>DashboardMaxSessionsPerIdentity</c>
    /// (20); the total and the live feeds per session are fixed.
    /// </summary>
    public DashboardSessionLimits Dashboard { get; init; } = new();

    /// <summary>The clock of session idle times, MCP's and the dashboard's, and of the refusal log's minute (<see cref="RefusalLogThrottle"/>); tests move it by hand.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
