using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace McpPlaybooks.Engine.Tests.Actions.Http;

/// <summary>
/// A bare TCP listener on 127.0.0.1 that speaks just enough HTTP/1.1: it reads each connection's bytes up to the end
/// of its headers, keeps them as they came off the wire, and answers <c>200 OK</c> with an empty body, closing the
/// connection (or with the status and body it was given). What it keeps shows exactly what a client sent, smuggled headers
/// and requests included.
/// </summary>
public sealed class RawHttpListener : IAsyncDisposable
{
    private readonly byte[] _answer;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _received = new();
    private readonly Task _loop;

    public RawHttpListener(int status = 200, string body = "")
    {
        var content = Encoding.UTF8.GetBytes(body);
        var head = Encoding.ASCII.GetBytes(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} Status\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n"));
        _answer = [.. head, .. content];
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>What each connection sent, in the order they were accepted.</summary>
    public IReadOnlyList<string> Received => [.. _received];

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var stream = client.GetStream();
            var bytes = new List<byte>();
            var buffer = new byte[4096];
            int read;
            while (!IsComplete(bytes) && (read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                bytes.AddRange(buffer.AsSpan(0, read));
            }

            _received.Enqueue(Encoding.Latin1.GetString([.. bytes]));
            try
            {
                await stream.WriteAsync(_answer, _stop.Token);
            }
            catch (IOException)
            {
                // the client stopped reading a long body
            }
        }
    }

    // The headers have ended and as many bytes followed as their Content-Length says.
    private static bool IsComplete(List<byte> bytes)
    {
        var text = Encoding.Latin1.GetString([.. bytes]);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var length = 0;
        foreach (var line in text[..end].Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return bytes.Count >= end + 4 + length;
    }
}
