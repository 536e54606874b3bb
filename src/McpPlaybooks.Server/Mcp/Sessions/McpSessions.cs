using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Sessions;

/// <summary>
/// The live MCP sessions of this process and their resource subscriptions (the SDK keeps neither). A session is tracked
/// when it first sends a message after <c>initialize</c> (<see cref="SessionTracking"/>); a transport that creates its own
/// servers (HTTP) should <see cref="Attach"/> each one, so that notifications go to the session and not to a finished
/// request. Notifications are coalesced per session and URI (<see cref="NotificationCoalescer"/>); a send that fails
/// (the session is gone) forgets the session and its subscriptions.
/// </summary>
internal sealed partial class McpSessions(ILogger<McpSessions> logger) : IDisposable
{
    /// <summary>The key of a transport's only session when it has no session id (stdio, streams).</summary>
    public const string SingleSessionKey = "(single)";

    private readonly ConcurrentDictionary<string, McpSession> _sessions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The session of <paramref name="server"/> (by its session id), tracked from now on if it was not yet.</summary>
    public McpSession Track(McpServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return _sessions.GetOrAdd(KeyOf(server), static (key, s) => new McpSession(key, s), server);
    }

    /// <summary>Tracks <paramref name="server"/>'s session with it as the sender (a transport's own server, not a request's view of it).</summary>
    public McpSession Attach(McpServer server)
    {
        var session = Track(server);
        session.Server = server;
        return session;
    }

    /// <summary>Forgets a session and its subscriptions (the session ended).</summary>
    public void Remove(string key)
    {
        if (_sessions.TryRemove(key, out var session))
        {
            session.ClearSubscriptions();
        }
    }

    /// <summary>Sends <c>notifications/resources/updated</c> for <paramref name="uri"/> to every session subscribed to it.</summary>
    public void ResourceUpdated(string uri)
    {
        foreach (var session in _sessions.Values)
        {
            if (session.IsSubscribed(uri))
            {
                PostUpdated(session, uri);
            }
        }
    }

    /// <summary>Sends <c>notifications/resources/updated</c> for every subscribed URI that <paramref name="matches"/>.</summary>
    public void ResourcesUpdated(Func<string, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        foreach (var session in _sessions.Values)
        {
            foreach (var uri in session.Subscriptions.Where(matches))
            {
                PostUpdated(session, uri);
            }
        }
    }

    /// <summary>Sends <c>notifications/resources/list_changed</c> to every live session.</summary>
    public void ResourceListChanged() => ListChanged(NotificationMethods.ResourceListChangedNotification);

    /// <summary>Sends <c>notifications/prompts/list_changed</c> to every live session.</summary>
    public void PromptListChanged() => ListChanged(NotificationMethods.PromptListChangedNotification);

    private void ListChanged(string method)
    {
        foreach (var session in _sessions.Values)
        {
            session.Outbox(method, key => new NotificationCoalescer(
                ct => SendAsync(session, key, () => true, server => server.SendNotificationAsync(key, ct)),
                _stopping.Token)).Post();
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private static string KeyOf(McpServer server) => server.SessionId ?? SingleSessionKey;

    private void PostUpdated(McpSession session, string uri) =>
        session.Outbox("updated " + uri, _ => new NotificationCoalescer(
            ct => SendAsync(
                session,
                uri,
                () => session.IsSubscribed(uri),
                server => server.SendNotificationAsync(NotificationMethods.ResourceUpdatedNotification, new ResourceUpdatedNotificationParams { Uri = uri }, cancellationToken: ct)),
            _stopping.Token)).Post();

    private async Task SendAsync(McpSession session, string what, Func<bool> stillWanted, Func<McpServer, Task> send)
    {
        if (!stillWanted() || !_sessions.TryGetValue(session.Key, out var current) || !ReferenceEquals(current, session))
        {
            return;
        }

        try
        {
            await send(session.Server).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A session that cannot be reached is gone, whatever the transport threw.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogSessionGone(logger, session.Key, what, e.Message);
            if (_sessions.TryRemove(KeyValuePair.Create(session.Key, session)))
            {
                session.ClearSubscriptions();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP session {Session} is gone ({What}: {Reason}); its subscriptions are dropped")]
    private static partial void LogSessionGone(ILogger logger, string session, string what, string reason);
}
