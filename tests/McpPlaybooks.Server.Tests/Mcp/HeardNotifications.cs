using System.Text.Json;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Mcp;

/// <summary>
/// What a client hears, in order, as it hears it, for a test to read: as a call's progress callback
/// (<see cref="IProgress{T}"/>), or, through <see cref="Listen"/>, every notification of one method its session receives.
/// The session is the one to listen to when late notifications matter: 2.3.1's progress callback stops once the answer is in.
/// </summary>
internal sealed class HeardNotifications<T> : IProgress<T>, IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Channel<T> _heard = Channel.CreateUnbounded<T>();
    private IAsyncDisposable? _registration;

    /// <summary>Hears every notification <paramref name="method"/> of the client's session, as its typed parameters, until disposed.</summary>
    public static HeardNotifications<T> Listen(McpClient client, string method)
    {
        var heard = new HeardNotifications<T>();
        heard._registration = client.RegisterNotificationHandler(method, (notification, _) =>
        {
            heard.Report(JsonSerializer.Deserialize<T>(notification.Params!, McpJsonUtilities.DefaultOptions)!);
            return ValueTask.CompletedTask;
        });
        return heard;
    }

    public void Report(T value) => _heard.Writer.TryWrite(value);

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

    /// <summary>The next <paramref name="count"/> heard.</summary>
    public Task<IReadOnlyList<T>> TakeAsync(int count) => ReadUntilAsync(read => read.Count >= count);

    /// <summary>What was heard and not read yet.</summary>
    public IReadOnlyList<T> Drain()
    {
        var rest = new List<T>();
        while (_heard.Reader.TryRead(out var value))
        {
            rest.Add(value);
        }

        return rest;
    }

    public ValueTask DisposeAsync() => _registration?.DisposeAsync() ?? ValueTask.CompletedTask;
}
