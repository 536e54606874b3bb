using System.Collections.Concurrent;
using McpPlaybooks.Server.Mcp.Sessions;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The open HTTP sessions: at most <see cref="HttpServerSettings.MaxSessions"/>, and
/// <see cref="HttpServerSettings.MaxSessionsPerIdentity"/> per token identity; one idle for
/// <see cref="HttpServerSettings.SessionIdleTimeout"/> is ended. Ending a session (DELETE, expiry, the legacy stream
/// closing, shutdown) disposes its server and transport and tells <see cref="McpSessions"/> it is gone.
/// </summary>
internal sealed partial class HttpSessionStore(HttpServerSettings settings, McpSessions mcpSessions, ILogger<HttpSessionStore> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HttpSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _adding = new();
    private bool _disposing;

    public int Count => _sessions.Count;

    /// <summary>Adds a new session; false when the cap is reached (the caller refuses it).</summary>
    public bool TryAdd(HttpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_adding)
        {
            if (_disposing)
            {
                return false;
            }

            if (_sessions.Count >= settings.MaxSessions)
            {
                LogFull(logger, settings.MaxSessions);
                return false;
            }

            if (session.Owner is { } owner && _sessions.Values.Count(open => string.Equals(open.Owner, owner, StringComparison.Ordinal)) >= settings.MaxSessionsPerIdentity)
            {
                LogIdentityFull(logger, owner, settings.MaxSessionsPerIdentity);
                return false;
            }

            _sessions[session.Id] = session;
        }

        LogOpened(logger, Short(session.Id), session.Owner ?? "(no token)", session.Legacy is null ? "Streamable HTTP" : "legacy SSE");
        return true;
    }

    public HttpSession? Find(string id) => _sessions.GetValueOrDefault(id);

    /// <summary>
    /// Ends a session; false when it is not (or no longer) open. The session is cancelled and disposed before
    /// <see cref="McpSessions"/> forgets it, so that a message still in flight cannot track it again afterwards.
    /// </summary>
    public async Task<bool> EndAsync(string id, string reason)
    {
        if (!_sessions.TryRemove(id, out var session))
        {
            return false;
        }

        try
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            mcpSessions.Remove(id);
        }

        LogEnded(logger, Short(id), reason);
        return true;
    }

    /// <summary>
    /// Ends the sessions idle for the configured time (a session that never finished initializing: for
    /// <see cref="HttpServerSettings.UninitializedTimeout"/>); how many were ended. A session that fails to end is logged and skipped.
    /// </summary>
    public async Task<int> ExpireIdleAsync()
    {
        var ended = 0;
        foreach (var session in _sessions.Values.Where(IsExpired).ToList())
        {
            try
            {
                if (await EndAsync(session.Id, session.Initialized ? $"idle for {settings.SessionIdleTimeout.TotalMinutes:0.#} min" : "never initialized").ConfigureAwait(false))
                {
                    ended++;
                }
            }
#pragma warning disable CA1031 // The expiry loop must outlive any one session's failure to end.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogEndFailed(logger, e, Short(session.Id));
            }
        }

        return ended;
    }

    private bool IsExpired(HttpSession session) =>
        session.IsIdle(session.Initialized ? settings.SessionIdleTimeout : TimeSpan.FromTicks(Math.Min(settings.SessionIdleTimeout.Ticks, settings.UninitializedTimeout.Ticks)));

    /// <summary>Checks for idle sessions periodically until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunExpiryAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(settings.SessionIdleTimeout.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await ExpireIdleAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_adding)
        {
            _disposing = true;
        }

        foreach (var id in _sessions.Keys.ToList())
        {
            await EndAsync(id, "the server is stopping").ConfigureAwait(false);
        }
    }

    /// <summary>The start of a session id, enough to follow it in the logs, not to use it.</summary>
    private static string Short(string id) => id.Length > 6 ? id[..6] + "…" : id;

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP session {Session} opened by {Identity} over {Transport}")]
    private static partial void LogOpened(ILogger logger, string session, string identity, string transport);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP session {Session} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string session, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP session {Session} could not be ended; the expiry goes on")]
    private static partial void LogEndFailed(ILogger logger, Exception exception, string session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a new HTTP session: {Identity} has {Max} open (MaxSessionsPerIdentity)")]
    private static partial void LogIdentityFull(ILogger logger, string identity, int max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a new HTTP session: {Max} sessions are open (MaxSessions)")]
    private static partial void LogFull(ILogger logger, int max);
}
