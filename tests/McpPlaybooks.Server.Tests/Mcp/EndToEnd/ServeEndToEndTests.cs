using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using ModelContextProtocol.Client;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>The built server over stdio as a client meets it: the tools, a clean stdout, its exit, its log, bad configuration.</summary>
public sealed class ServeEndToEndTests : IDisposable
{
    /// <summary>
    /// Every tool the server offers, sorted. Each area's tools join this list as they are merged; design §5 names ten:
    /// list_playbooks, get_playbook, validate_playbook, save_playbook, execute_playbook, get_execution, list_executions,
    /// control_execution, approve_step, get_execution_logs.
    /// </summary>
    private static readonly string[] ToolNames =
    [
        "approve_step", "control_execution", "execute_playbook", "get_execution", "get_execution_logs", "get_execution_metrics",
        "get_insights", "get_playbook", "list_executions", "list_playbooks", "plan_playbook", "record_learning", "save_playbook", "validate_playbook",
    ];

    private readonly TempDirectory _root = new();

    private string DataDirectory => Path.Combine(_root.Path, "data");

    private string PlaybookDirectory => Path.Combine(_root.Path, "playbooks");

    [Fact]
    public async Task Serve_ToolsListOverStdio_ListsEveryToolWithSchemaAndAnnotations()
    {
        _root.Write("playbooks/say-hello.yaml", TestPlaybooks.Valid);
        await using var server = await StdioServerProcess.StartAsync(DataDirectory, [PlaybookDirectory]);

        // A server with no tool declares no tools capability, and a client must not list them then.
        IList<McpClientTool> tools = server.Client.ServerCapabilities?.Tools is null ? [] : await server.Client.ListToolsAsync();

        Assert.Equal("mcp-playbooks", server.Client.ServerInfo?.Name);
        Assert.Equal("2025-11-25", server.Client.NegotiatedProtocolVersion);
        Assert.Equal(ToolNames, tools.Select(tool => tool.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, tool =>
        {
            Assert.Equal(JsonValueKind.Object, tool.ProtocolTool.InputSchema.ValueKind);
            Assert.NotNull(tool.ProtocolTool.OutputSchema);
            Assert.NotNull(tool.ProtocolTool.Annotations?.ReadOnlyHint);
            Assert.NotNull(tool.ProtocolTool.Annotations?.OpenWorldHint);

            // destructiveHint and idempotentHint mean something only for a tool that is not read-only (the spec).
            Assert.Equal(tool.ProtocolTool.Annotations!.ReadOnlyHint is false, tool.ProtocolTool.Annotations.DestructiveHint is not null);
            Assert.Equal(tool.ProtocolTool.Annotations.ReadOnlyHint is false, tool.ProtocolTool.Annotations.IdempotentHint is not null);
        });
    }

    [Fact]
    public async Task Serve_StdinClosed_StdoutCarriesOnlyJsonRpcAndExitsZeroWithALogFile()
    {
        _root.Write("playbooks/say-hello.yaml", TestPlaybooks.Valid);
        using var timeout = new CancellationTokenSource(StdioServerProcess.Timeout);
        using var server = RawStdioServer.Start(["serve", "--data-dir", DataDirectory, "--playbooks", PlaybookDirectory], _root.Path);

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1.0"}}}""");
        await server.ReadUntilAnswerAsync(1, timeout.Token);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"ping"}""");
        await server.ReadUntilAnswerAsync(3, timeout.Token);
        await server.ReadUntilAnswerAsync(2, timeout.Token);
        var exitCode = await server.CloseAsync(timeout.Token);

        Assert.Equal(0, exitCode);
        Assert.True(server.StdoutLines.Count >= 3, string.Join('\n', server.StdoutLines));
        Assert.All(server.StdoutLines, line =>
        {
            using var message = JsonDocument.Parse(line);
            Assert.Equal("2.0", message.RootElement.GetProperty("jsonrpc").GetString());
            Assert.True(message.RootElement.TryGetProperty("id", out _) || message.RootElement.TryGetProperty("method", out _), line);
        });
        var log = Assert.Single(Directory.GetFiles(Path.Combine(DataDirectory, "logs"), "server-*.log"));
        Assert.Contains("serving MCP over stdio", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.Contains(server.StderrLines, line => line.Contains("serving MCP over stdio", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_BadConfiguration_ExitsTwoWithALinePerProblemAndNothingOnStdout()
    {
        var missing = Path.Combine(_root.Path, "no-such-folder");

        var result = await CliProcess.RunAsync(["serve", "--data-dir", DataDirectory, "--playbooks", missing, "--log-level", "loud"], _root.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal(
            [
                $"error: --playbooks: the playbook folder {missing} does not exist",
                "error: --log-level must be one of Trace, Debug, Information, Warning, Error, Critical, None, got 'loud'",
            ],
            result.ErrorLines);
        Assert.False(Directory.Exists(DataDirectory), "nothing is opened when the configuration is wrong");
    }

    public void Dispose() => _root.Dispose();
}
