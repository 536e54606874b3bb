using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// The stdio server stopped by SIGTERM while its client is still connected (stdin open): it stops its services, says so in
/// its log and exits 0, as it does when the client closes stdin. Ctrl+C (SIGINT) takes the same path (the command's token),
/// but is not sent here: a process started in the background of a non-interactive shell, as CI may start the tests, inherits
/// SIGINT ignored, and .NET leaves it so.
/// </summary>
public sealed class ServeSignalEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private string DataDirectory => Path.Combine(_root.Path, "data");

    [Fact]
    public async Task Serve_Sigterm_StopsAndExitsZero()
    {
        _root.Write("playbooks/say-hello.yaml", TestPlaybooks.Valid);
        using var timeout = new CancellationTokenSource(StdioServerProcess.Timeout);
        using var server = RawStdioServer.Start(["serve", "--data-dir", DataDirectory, "--playbooks", Path.Combine(_root.Path, "playbooks"), "--ui", "off"], _root.Path);
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1.0"}}}""");
        await server.ReadUntilAnswerAsync(1, timeout.Token);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_playbooks","arguments":{}}}""");
        await server.ReadUntilAnswerAsync(2, timeout.Token);

        var exit = await server.SignalAsync("TERM", timeout.Token);

        Assert.Equal(0, exit);
        Assert.Contains(server.StderrLines, line => line.Contains("Server stopped", StringComparison.Ordinal));
        var log = Directory.GetFiles(Path.Combine(DataDirectory, "logs"), "server-*.log").Single();
        Assert.Contains("Server stopped", await File.ReadAllTextAsync(log, timeout.Token), StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
