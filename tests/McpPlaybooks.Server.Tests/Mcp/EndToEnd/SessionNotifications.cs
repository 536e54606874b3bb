using System.Text.Json;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// Every notification of one method the client's session receives, as its typed parameters, in a channel. It listens to
/// the session rather than through a call's progress callback, which 2.3.1 drops once the call's answer is in.
/// </summary>
internal sealed class SessionNotifications<T> : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Channel<T> _heard = Channel.CreateUnbounded<T>();
    private readonly IAsyncDisposable _registration;

    public SessionNotifications(McpClient client, string method)
    {
        _registration = client.RegisterNotificationHandler(method, (notification, _) =>
        {
            _heard.Writer.TryWrite(JsonSerializer.Deserialize<T>(notification.Params!, McpJsonUtilities.DefaultOptions)!);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Reads (generous upper bound) until <paramref name="done"/> accepts what it has read; returns that.</summary>
    public async Task<IReadOnlyList<T>> ReadUntilAsync(Func<IReadOnlyList<T>, bool> done)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var read = new List<T>();
        while (!done(read))
        {
            read.Add(await _heard.Reader.ReadAsync(timeout.Token));
        }

        return read;
    }

    /// <summary>What arrived and was not read yet.</summary>
    public IReadOnlyList<T> Drain()
    {
        var rest = new List<T>();
        while (_heard.Reader.TryRead(out var value))
        {
            rest.Add(value);
        }

        return rest;
    }

    public ValueTask DisposeAsync() => _registration.DisposeAsync();
}
