using System.Net;
using System.Net.Sockets;
using System.Text;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>Kestrel holds at most <c>MaxConnections</c> connections open: one more is closed at once, unanswered.</summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task Connection_PastMaxConnections_ClosedUnanswered_WhileTheOpenOnesAreStillServed()
    {
        await using var server = await HttpTestServer.StartAsync(configure: http => http with { MaxConnections = 2 });
        using var first = await ConnectAsync(server);
        using var second = await ConnectAsync(server);
        var answers = new[] { await AskAsync(first), await AskAsync(second) };

        using var third = await ConnectAsync(server);
        var refused = await AskAsync(third);
        var stillServed = await AskAsync(first);

        Assert.All(answers, answer => Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal));
        Assert.Equal("", refused);
        Assert.StartsWith("HTTP/1.1 200", stillServed, StringComparison.Ordinal);
    }

    private static async Task<TcpClient> ConnectAsync(HttpTestServer server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Host.BaseAddress.Port);
        return client;
    }

    /// <summary>Asks for the health endpoint's head (HEAD: no body, so the connection is ready for the next); returns the answer, or "" when the connection was closed unanswered.</summary>
    private static async Task<string> AskAsync(TcpClient client)
    {
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HEAD /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            var head = new StringBuilder();
            var buffer = new byte[4096];
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                if (read == 0)
                {
                    return "";
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return head.ToString();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
