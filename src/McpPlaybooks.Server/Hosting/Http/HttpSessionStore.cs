using System.Collections.Concurrent;
using McpPlaybooks.Server.Mcp.Sessions;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The open HTTP sessions: at most <see cref="HttpServerSettings.MaxSessions"/>; one idle for
/// <see cref="HttpServerSettings.SessionIdleTimeout"/> is ended. Ending a session (DELETE, expiry, the legacy stream
/// closing, shutdown) disposes its server and transport and tells <see cref="McpSessions"/> it is gone.
/// </summary>
internal sealed partial class HttpSessionStore(HttpServerSettings settings, McpSessions mcpSessions, ILogger<HttpSessionStore> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HttpSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _adding = new();

    public int Count => _sessions.Count;

    /// <summary>Adds a new session; false when the cap is reached (the caller refuses it).</summary>
    public bool TryAdd(HttpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_adding)
        {
            if (_sessions.Count >= settings.MaxSessions)
            {
                LogFull(logger, settings.MaxSessions);
                return false;
            }

            _sessions[session.Id] = session;
        }

        LogOpened(logger, Short(session.Id), session.Owner ?? "(no token)", session.Legacy is null ? "Streamable HTTP" : "legacy SSE");
        return true;
    }

    public HttpSession? Find(string id) => _sessions.GetValueOrDefault(id);

    /// <summary>Ends a session; false when it is not (or no longer) open.</summary>
    public async Task<bool> EndAsync(string id, string reason)
    {
        if (!_sessions.TryRemove(id, out var session))
        {
            return false;
        }

        mcpSessions.Remove(id);
        await session.DisposeAsync().ConfigureAwait(false);
        LogEnded(logger, Short(id), reason);
        return true;
    }

    /// <summary>Ends the sessions idle for the configured time; how many.</summary>
    public async Task<int> ExpireIdleAsync()
    {
        var idle = _sessions.Values.Where(session => session.Legacy is null && session.IsIdle(settings.SessionIdleTimeout)).ToList();
        foreach (var session in idle)
        {
            await EndAsync(session.Id, $"idle for {settings.SessionIdleTimeout.TotalMinutes:0.#} min").ConfigureAwait(false);
        }

        return idle.Count;
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a new HTTP session: {Max} sessions are open (MaxSessions)")]
    private static partial void LogFull(ILogger logger, int max);
}
