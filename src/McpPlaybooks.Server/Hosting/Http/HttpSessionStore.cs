using System.Collections.Concurrent;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// What the SDK's session manager does not do for us: at most <see cref="HttpServerSettings.MaxSessions"/> sessions
/// (Streamable HTTP with <c>initialize</c>, and legacy SSE), <see cref="HttpServerSettings.MaxSessionsPerIdentity"/> per
/// token identity, each attached to <see cref="McpSessions"/> while it runs so that notifications reach it. A place is
/// taken when the SDK configures a new session (<see cref="Admit"/>, before the server exists) and given back when the
/// session's server stops (<see cref="RunAsync"/>: DELETE, idle expiry, the SSE stream closing, shutdown).
/// Whether a request takes a place is read from what the SDK is doing, never from the client's
/// <c>MCP-Protocol-Version</c> header alone: a legacy SSE stream always has a session (whatever version it claims), a
/// Streamable HTTP request has one when the SDK gave it an <c>Mcp-Session-Id</c>; a 2026-07-28 request served
/// statelessly has neither and takes no place.
/// </summary>
internal sealed partial class HttpSessionStore(HttpServerSettings settings, McpSessions mcpSessions, ILogger<HttpSessionStore> logger)
{
    private static readonly object PlaceKey = new();

    private readonly Lock _lock = new();
    private readonly List<Place> _places = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _ended = new(StringComparer.Ordinal);

    /// <summary>The sessions open (or being opened) now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _places.Count;
            }
        }
    }

    /// <summary>
    /// Takes a place for the session the SDK is creating for <paramref name="context"/>; throws
    /// <see cref="SessionLimitException"/> when the cap is reached (<see cref="SessionAdmission"/> answers 503).
    /// </summary>
    public void Admit(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!CreatesSession(context))
        {
            return;
        }

        var owner = HttpCaller.From(context.User)?.Identity;
        lock (_lock)
        {
            if (_places.Count >= settings.MaxSessions)
            {
                LogFull(logger, settings.MaxSessions);
                throw new SessionLimitException("MaxSessions");
            }

            if (owner is not null && _places.Count(place => place.Owner == owner) >= settings.MaxSessionsPerIdentity)
            {
                LogIdentityFull(logger, owner, settings.MaxSessionsPerIdentity);
                throw new SessionLimitException("MaxSessionsPerIdentity");
            }

            var place = new Place(owner, LegacySsePaths.IsStream(context.Request.Path));
            _places.Add(place);
            context.Items[PlaceKey] = place;
        }
    }

    /// <summary>The SDK's session runner: runs <paramref name="server"/> until its session ends, attached and counted meanwhile.</summary>
    public async Task RunAsync(HttpContext context, McpServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(server);
        if (context.Items[PlaceKey] is not Place place || server.SessionId is not { } id)
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        lock (_lock)
        {
            place.Claimed = true;
            place.Id = id;
        }

        var ended = _ended.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        mcpSessions.Attach(server);
        LogOpened(logger, Short(id), place.Owner ?? "(no token)");
        try
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            mcpSessions.Remove(id);
            Release(place);
            _ended.TryRemove(id, out _);
            ended.TrySetResult();
            LogEnded(logger, Short(id));
        }
    }

    /// <summary>Gives back a place taken for a request whose session was never run (it failed before the SDK started it).</summary>
    public void ReleaseUnclaimed(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[PlaceKey] is Place { Claimed: false } place)
        {
            Release(place);
        }
    }

    /// <summary>Whether a session <paramref name="id"/> is open (of either transport).</summary>
    public bool IsOpen(string id) => _ended.ContainsKey(id);

    /// <summary>
    /// Whether a legacy SSE session <paramref name="id"/> may be open: one runs with that id, or a legacy stream's session
    /// has not started running yet (the SDK names its id in the stream's endpoint event just before it runs it).
    /// </summary>
    public bool MayBeLegacy(string id)
    {
        lock (_lock)
        {
            return _places.Exists(place => place.Legacy && (!place.Claimed || place.Id == id));
        }
    }

    /// <summary>Completes when the session <paramref name="id"/> has ended (at once when it is not open).</summary>
    public Task WhenEndedAsync(string id) => _ended.TryGetValue(id, out var ended) ? ended.Task : Task.CompletedTask;

    private void Release(Place place)
    {
        lock (_lock)
        {
            _places.Remove(place);
        }
    }

    /// <summary>
    /// Whether the SDK is creating a session for <paramref name="context"/> (it calls <see cref="Admit"/> for stateless
    /// requests too): a legacy SSE stream, or a Streamable HTTP request it has just given a session id (the response's
    /// <c>Mcp-Session-Id</c> is set before the session's options are configured).
    /// </summary>
    private static bool CreatesSession(HttpContext context) =>
        LegacySsePaths.IsStream(context.Request.Path) || context.Response.Headers.ContainsKey(McpHeaderNames.SessionId);

    /// <summary>The start of a session id, enough to follow it in the logs, not to use it.</summary>
    private static string Short(string id) => id.Length > 6 ? id[..6] + "…" : id;

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP session {Session} opened by {Identity}")]
    private static partial void LogOpened(ILogger logger, string session, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP session {Session} ended")]
    private static partial void LogEnded(ILogger logger, string session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a new HTTP session: {Identity} has {Max} open (MaxSessionsPerIdentity)")]
    private static partial void LogIdentityFull(ILogger logger, string identity, int max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a new HTTP session: {Max} sessions are open (MaxSessions)")]
    private static partial void LogFull(ILogger logger, int max);

    /// <summary>One session's place, from its admission until its server stops.</summary>
    private sealed class Place(string? owner, bool legacy)
    {
        public string? Owner { get; } = owner;

        /// <summary>A legacy SSE stream's session (its messages come to <c>/message?sessionId=</c>).</summary>
        public bool Legacy { get; } = legacy;

        public bool Claimed { get; set; }

        /// <summary>The session's id, once it runs.</summary>
        public string? Id { get; set; }
    }
}
