using System.Collections.Concurrent;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Sessions;

/// <summary>
/// One client's session: the server that reaches it, the resource URIs it subscribed to, and the coalescers of the
/// notifications on their way to it. Kept by <see cref="McpSessions"/>.
/// </summary>
internal sealed class McpSession(string key, McpServer server)
{
    private readonly ConcurrentDictionary<string, byte> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NotificationCoalescer> _outbox = new(StringComparer.Ordinal);
    private McpServer _server = server;

    /// <summary>The session id, or <see cref="McpSessions.SingleSessionKey"/> for a transport with one session (stdio).</summary>
    public string Key { get; } = key;

    /// <summary>The server that sends to this session (replaced by <see cref="McpSessions.Attach"/>).</summary>
    public McpServer Server
    {
        get => Volatile.Read(ref _server);
        set => Volatile.Write(ref _server, value);
    }

    /// <summary>The subscribed resource URIs, in no particular order.</summary>
    public IReadOnlyCollection<string> Subscriptions => [.. _subscriptions.Keys];

    public bool IsSubscribed(string uri) => _subscriptions.ContainsKey(uri);

    public void Subscribe(string uri) => _subscriptions.TryAdd(uri, 0);

    public void Unsubscribe(string uri) => _subscriptions.TryRemove(uri, out _);

    public void ClearSubscriptions() => _subscriptions.Clear();

    /// <summary>The coalescer of one kind of notification to this session (created on first use).</summary>
    public NotificationCoalescer Outbox(string key, Func<string, NotificationCoalescer> create) => _outbox.GetOrAdd(key, create);
}
