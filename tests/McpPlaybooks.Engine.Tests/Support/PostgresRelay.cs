using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// A TCP relay on 127.0.0.1 between a store and the test PostgreSQL, which a test cuts to lose the store's connections as a
/// network failure or a server restart loses them: <see cref="Refuse"/> ends every connection and turns new ones away until
/// <see cref="Accept"/>; <see cref="CutAtCommit"/> ends the connection that sends the next <c>COMMIT</c>, delivering it or not.
/// </summary>
internal sealed class PostgresRelay : IAsyncDisposable
{
    private static readonly byte[] Commit = Encoding.ASCII.GetBytes("COMMIT");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly Lock _lock = new();
    private readonly List<Link> _links = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private bool _refusing;
    private (CommitCut How, TaskCompletionSource Done)? _cut;

    public PostgresRelay(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = builder.Host ?? "127.0.0.1";
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        _target = new IPEndPoint(address, builder.Port);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        builder.Host = "127.0.0.1";
        builder.Port = port;
        ConnectionString = builder.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>What a cut at a COMMIT does with it.</summary>
    public enum CommitCut
    {
        /// <summary>The server gets the COMMIT (it commits), the client never hears back.</summary>
        Deliver,

        /// <summary>The COMMIT is lost with the connection (the server rolls back).</summary>
        Drop,

        /// <summary>The COMMIT is lost, the client's side closes, the server's side stays open (its transaction stays open).</summary>
        Hang,
    }

    /// <summary>The connection string through the relay.</summary>
    public string ConnectionString { get; }

    /// <summary>Ends every connection and turns new ones away.</summary>
    public void Refuse()
    {
        List<Link> links;
        lock (_lock)
        {
            _refusing = true;
            links = [.. _links];
            _links.Clear();
        }

        links.ForEach(link => link.Close());
    }

    /// <summary>Relays new connections again.</summary>
    public void Accept()
    {
        lock (_lock)
        {
            _refusing = false;
        }
    }

    /// <summary>Cuts the connection that sends the next COMMIT; the task completes once it is cut.</summary>
    public Task CutAtCommit(CommitCut how)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _cut = (how, done);
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Refuse();
        try
        {
            await _accepting;
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
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            bool refusing;
            lock (_lock)
            {
                refusing = _refusing;
            }

            if (refusing)
            {
                client.Close();
                continue;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
            }
            catch (SocketException)
            {
                client.Close();
                server.Dispose();
                continue;
            }

            var link = new Link(client, server);
            lock (_lock)
            {
                _links.Add(link);
            }

            _ = ForwardAsync(link);
            _ = BackwardAsync(link);
        }
    }

    /// <summary>Client to server, watching for the COMMIT to cut at.</summary>
    private async Task ForwardAsync(Link link)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await link.Client.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    link.Close();
                    return;
                }

                var chunk = buffer.AsMemory(0, read);
                if (TakeCut(chunk.Span) is { } cut)
                {
                    await CutAsync(link, chunk, cut.How);
                    cut.Done.TrySetResult();
                    return;
                }

                await link.Server.SendAsync(chunk, SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            link.Close();
        }
    }

    /// <summary>Server to client; nothing more once the link is severed.</summary>
    private static async Task BackwardAsync(Link link)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await link.Server.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    link.Close();
                    return;
                }

                if (!link.Severed)
                {
                    await link.Client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            link.Close();
        }
    }

    private (CommitCut How, TaskCompletionSource Done)? TakeCut(ReadOnlySpan<byte> chunk)
    {
        lock (_lock)
        {
            if (_cut is { } cut && chunk.IndexOf(Commit) >= 0)
            {
                _cut = null;
                return cut;
            }

            return null;
        }
    }

    private static async Task CutAsync(Link link, ReadOnlyMemory<byte> chunk, CommitCut how)
    {
        link.Severed = true;
        if (how == CommitCut.Deliver)
        {
            await link.Server.SendAsync(chunk, SocketFlags.None);
        }

        link.Client.Close();
        if (how != CommitCut.Hang)
        {
            // A FIN after the data (never a reset, which could discard it); the backward pump reads the server's end and closes.
            link.Server.Shutdown(SocketShutdown.Send);
        }
    }

    private sealed class Link(Socket client, Socket server)
    {
        public Socket Client { get; } = client;

        public Socket Server { get; } = server;

        /// <summary>Whether the client is gone: what the server still sends is read and dropped.</summary>
        public volatile bool Severed;

        public void Close()
        {
            Client.Close();
            Server.Close();
        }
    }
}
