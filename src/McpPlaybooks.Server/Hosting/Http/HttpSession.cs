using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// One MCP session over HTTP: its random id, the identity that opened it (null without tokens), its transport
/// (Streamable HTTP or legacy SSE) and the <see cref="McpServer"/> running on it, and when it was last used. Requests in
/// flight keep it from counting as idle. Kept by <see cref="HttpSessionStore"/>.
/// </summary>
internal sealed class HttpSession(string id, string? owner, ITransport transport, TimeProvider time) : IAsyncDisposable
{
    private readonly TimeProvider _time = time;
#pragma warning disable CA2213 // Never disposed: late requests may still read Ended after the session is gone.
    private readonly CancellationTokenSource _ended = new();
#pragma warning restore CA2213
    private Task _running = Task.CompletedTask;
    private int _disposed;
    private int _inFlight;
    private int _getStreams;
    private int _initialized;
    private long _lastUsed = time.GetTimestamp();

    public string Id { get; } = id;

    /// <summary>The identity of the token that opened the session; every later request must carry the same.</summary>
    public string? Owner { get; } = owner;

    public ITransport Transport { get; } = transport;

    public StreamableHttpServerTransport? Streamable => Transport as StreamableHttpServerTransport;

    public SseResponseStreamTransport? Legacy => Transport as SseResponseStreamTransport;

    public McpServer? Server { get; private set; }

    /// <summary>Cancelled when the session ends (DELETE, expiry, shutdown): ends its GET stream and its server.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>A new session id: 128 random bits, base64url.</summary>
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    /// <summary>Runs <paramref name="server"/> on the session's transport until the session ends.</summary>
    public void Start(McpServer server)
    {
        Server = server;
        _running = server.RunAsync(Ended);
    }

    /// <summary>Whether the client sent <c>notifications/initialized</c>; until then the session expires sooner.</summary>
    public bool Initialized => Volatile.Read(ref _initialized) == 1;

    public void MarkInitialized() => Volatile.Write(ref _initialized, 1);

    /// <summary>
    /// Marks a request in flight until the result is disposed; null when the session has ended (the caller answers 404,
    /// as for a session that is not open).
    /// </summary>
    public Use? TryBegin()
    {
        Interlocked.Increment(ref _inFlight);
        if (_ended.IsCancellationRequested || Volatile.Read(ref _disposed) == 1)
        {
            Interlocked.Decrement(ref _inFlight);
            return null;
        }

        Volatile.Write(ref _lastUsed, _time.GetTimestamp());
        return new Use(this);
    }

    /// <summary>Whether no request is in flight and none came within <paramref name="idle"/>.</summary>
    public bool IsIdle(TimeSpan idle) =>
        Volatile.Read(ref _inFlight) == 0 && _time.GetElapsedTime(Volatile.Read(ref _lastUsed)) >= idle;

    /// <summary>Claims the session's one standalone GET stream; false when one is open already.</summary>
    public bool TryStartGetStream() => Interlocked.CompareExchange(ref _getStreams, 1, 0) == 0;

    public void EndGetStream() => Volatile.Write(ref _getStreams, 0);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _ended.CancelAsync().ConfigureAwait(false);
        if (Server is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        await Transport.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the session's end, as asked
        }
    }

    /// <summary>A request in flight on the session.</summary>
    internal readonly struct Use(HttpSession session) : IDisposable
    {
        public void Dispose()
        {
            Volatile.Write(ref session._lastUsed, session._time.GetTimestamp());
            Interlocked.Decrement(ref session._inFlight);
        }
    }
}
