using System.Diagnostics;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// The built server answers <c>initialize</c> before its catalogue has loaded: the load runs in the background, and a call
/// that needs the catalogue waits for it. The load is held, with no timing, by a playbook file that is a named pipe
/// (reading it blocks until the test writes it).
/// </summary>
public sealed class ServeStartupEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private string DataDirectory => Path.Combine(_root.Path, "data");

    private string PlaybookDirectory => Path.Combine(_root.Path, "playbooks");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Serve_CatalogueStillLoading_AnswersInitializeAtOnceAndTheCatalogueCallOnceLoaded()
    {
        var pipe = await HeldPlaybookAsync();

        using var timeout = new CancellationTokenSource(StdioServerProcess.Timeout);
        using var server = StartServe(dashboard: true);

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1.0"}}}""");
        await server.ReadUntilAnswerAsync(1, timeout.Token);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_playbooks","arguments":{}}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/list"}""");
        await server.ReadUntilAnswerAsync(3, timeout.Token);

        // The catalogue is still held by the pipe: the call waits for it, while the rest is answered.
        Assert.DoesNotContain(server.StdoutLines, line => line.Contains("\"id\":2", StringComparison.Ordinal));
        await File.WriteAllTextAsync(pipe, HeldBack, timeout.Token);
        await ListsBothThenClosesAsync(server, 2, timeout.Token);
    }

    /// <summary>
    /// The catalogue's first load (and the history's page check) run on threads of their own: with the thread pool held to
    /// two workers, one taken by the transport's blocking read of stdin, a load held on a pool thread would leave none to
    /// answer <c>initialize</c> (the server hung until the load ended; here, until the test's timeout).
    /// </summary>
    [Fact]
    public async Task Serve_CatalogueHeldAndTwoPoolThreads_AnswersInitializeAndToolsListMeanwhile()
    {
        var pipe = await HeldPlaybookAsync();

        var twoPoolThreads = new Dictionary<string, string>
        {
            ["DOTNET_ThreadPool_ForceMinWorkerThreads"] = "1",
            ["DOTNET_ThreadPool_ForceMaxWorkerThreads"] = "2",
        };
        using var timeout = new CancellationTokenSource(StdioServerProcess.Timeout);
        using var server = StartServe(twoPoolThreads);

        await OpeningExchangeAsync(server, timeout.Token);

        // Both answered while the load is still held by the pipe; released, the catalogue holds both playbooks.
        await File.WriteAllTextAsync(pipe, HeldBack, timeout.Token);
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_playbooks","arguments":{}}}""");
        await ListsBothThenClosesAsync(server, 3, timeout.Token);
    }

    /// <summary>
    /// Over stdio the catalogue's first load waits for the client's handshake, so that on a small machine validating the
    /// playbooks does not slow the answers to <c>initialize</c> and <c>tools/list</c>, which do not need it. Whether the load
    /// has begun is seen on the pipe: opening it for writing without blocking works only once the server opened it to read.
    /// </summary>
    [Fact]
    public async Task Serve_Stdio_BeginsLoadingTheCatalogueOnceTheHandshakeIsDone()
    {
        var pipe = await HeldPlaybookAsync();
        using var timeout = new CancellationTokenSource(StdioServerProcess.Timeout);

        // The load begins anyway 3 s after start without a handshake: on a loaded machine that came first, and the test failed.
        using var server = StartServe(new Dictionary<string, string> { ["MCPPLAYBOOKS_STDIO_CLIENT_WAIT_SECONDS"] = "600" });

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1.0"}}}""");
        await server.ReadUntilAnswerAsync(1, timeout.Token);
        Assert.False(NamedPipe.HasReader(pipe), "the catalogue began loading before the handshake was done");

        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await ReleaseOnceReadAsync(pipe, timeout.Token);

        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_playbooks","arguments":{}}}""");
        await ListsBothThenClosesAsync(server, 2, timeout.Token);
    }

    /// <summary>A client that never speaks still gets a server whose catalogue loads (and whose log says what it holds).</summary>
    [Fact]
    public async Task Serve_Stdio_NoClientMessage_LoadsTheCatalogueAnyway()
    {
        var pipe = await HeldPlaybookAsync();
        using var timeout = new CancellationTokenSource(StdioServerProcess.Timeout);
        using var server = StartServe(new Dictionary<string, string> { ["MCPPLAYBOOKS_STDIO_CLIENT_WAIT_SECONDS"] = "1" });

        await ReleaseOnceReadAsync(pipe, timeout.Token);

        Assert.Equal(0, await server.CloseAsync(timeout.Token));
    }

    /// <summary>
    /// A client that closes stdin before it says anything has the server stop at once: it begins neither the catalogue's load
    /// (which logs what it holds once done) nor the dashboard, which it would after a few seconds of silence.
    /// </summary>
    [Fact]
    public async Task Serve_Stdio_StdinClosedAtOnce_StopsWithoutLoadingOrStartingTheDashboard()
    {
        _root.Write("playbooks/say-hello.yaml", TestPlaybooks.Valid);
        using var timeout = new CancellationTokenSource(StdioServerProcess.Timeout);
        using var server = StartServe(dashboard: true);

        Assert.Equal(0, await server.CloseAsync(timeout.Token));

        Assert.Contains(server.StderrLines, line => line.Contains("Server stopped", StringComparison.Ordinal));
        Assert.DoesNotContain(server.StderrLines, line => line.Contains("serving MCP over stdio", StringComparison.Ordinal));
        Assert.DoesNotContain(server.StderrLines, line => line.Contains("Dashboard at", StringComparison.Ordinal));
    }

    /// <summary>
    /// A client that leaves right after its opening exchange, while the catalogue's load (begun after it) is still held by
    /// the pipe: the server waits for the load, so that its log still says what it served, then exits 0. It used to exit at
    /// once, its log without the line (the plain stdin-closed test in ServeEndToEndTests failed so once in a full run).
    /// </summary>
    [Fact]
    public async Task Serve_Stdio_ClientLeavesDuringTheCatalogueLoad_TheLogStillSaysWhatWasServed()
    {
        var pipe = await HeldPlaybookAsync();
        using var timeout = new CancellationTokenSource(StdioServerProcess.Timeout);
        using var server = StartServe();
        await OpeningExchangeAsync(server, timeout.Token);
        await using var writer = await NamedPipe.OpenOnceReadAsync(pipe, timeout.Token);

        // The load is held: the client leaves. Given a moment to end, the server that does not wait has exited by then.
        var closing = server.CloseAsync(timeout.Token);
        await Task.WhenAny(closing, Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token));
        try
        {
            await writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(HeldBack), timeout.Token);
        }
        catch (IOException)
        {
            // The reader is gone: the server did not wait for its load (the assertions below say so).
        }

        await writer.DisposeAsync();
        Assert.Equal(0, await closing);
        Assert.Contains(server.StderrLines, line => line.Contains("serving MCP over stdio", StringComparison.Ordinal) && line.Contains(": 2 playbooks", StringComparison.Ordinal));
        Assert.Contains(server.StderrLines, line => line.Contains("Server stopped", StringComparison.Ordinal));
    }

    /// <summary>A client's opening exchange: <c>initialize</c> (id 1), <c>notifications/initialized</c>, <c>tools/list</c> (id 2), both answered.</summary>
    private static async Task OpeningExchangeAsync(RawStdioServer server, CancellationToken cancellationToken)
    {
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1.0"}}}""");
        await server.ReadUntilAnswerAsync(1, cancellationToken);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await server.ReadUntilAnswerAsync(2, cancellationToken);
    }

    /// <summary><c>serve</c> on this test's folders, without the dashboard unless <paramref name="dashboard"/>.</summary>
    private RawStdioServer StartServe(IReadOnlyDictionary<string, string>? environment = null, bool dashboard = false) =>
        RawStdioServer.Start(["serve", "--data-dir", DataDirectory, "--playbooks", PlaybookDirectory, .. dashboard ? Array.Empty<string>() : ["--ui", "off"]], _root.Path, environment);

    private static string HeldBack => TestPlaybooks.Valid.Replace("say-hello", "held-back", StringComparison.Ordinal);

    /// <summary>Once the server opens the pipe to read it: writes the held playbook and closes it.</summary>
    private static async Task ReleaseOnceReadAsync(string pipe, CancellationToken cancellationToken)
    {
        await using var writer = await NamedPipe.OpenOnceReadAsync(pipe, cancellationToken);
        await writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(HeldBack), cancellationToken);
    }

    /// <summary>The list_playbooks answer <paramref name="id"/> names both playbooks; then the server closes with exit 0.</summary>
    private static async Task ListsBothThenClosesAsync(RawStdioServer server, int id, CancellationToken cancellationToken)
    {
        await server.ReadUntilAnswerAsync(id, cancellationToken);
        var answer = Assert.Single(server.StdoutLines, line => line.Contains($"\"id\":{id}", StringComparison.Ordinal));
        Assert.Contains("say-hello", answer, StringComparison.Ordinal);
        Assert.Contains("held-back", answer, StringComparison.Ordinal);
        Assert.Equal(0, await server.CloseAsync(cancellationToken));
    }

    private async Task<string> HeldPlaybookAsync()
    {
        _root.Write("playbooks/say-hello.yaml", TestPlaybooks.Valid);
        var pipe = Path.Combine(PlaybookDirectory, "held.yaml");
        using var mkfifo = Process.Start("mkfifo", [pipe]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
        return pipe;
    }
}
