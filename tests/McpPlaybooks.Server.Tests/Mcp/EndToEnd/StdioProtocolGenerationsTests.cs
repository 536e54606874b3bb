using McpPlaybooks.Server.Mcp;
using McpPlaybooks.Server.Tests.Cli;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

#pragma warning disable MCP9005 // logging/setLevel is deprecated in 2026-07-28; 2025-11-25 clients still use it, which is what this tests.

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>The built server over stdio serves both protocol generations: nothing pins it to one.</summary>
public sealed class StdioProtocolGenerationsTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Serve_UnpinnedClient_Negotiates20260728AndRunsAPlaybook()
    {
        _root.Write("playbooks/say-hello.yaml", TestPlaybooks.Valid);
        await using var server = await StdioServerProcess.StartAsync(Path.Combine(_root.Path, "data"), [Path.Combine(_root.Path, "playbooks")], pinned: false);

        var tools = await server.Client.ListToolsAsync();
        var started = await server.Client.CallOkAsync("execute_playbook", new { playbook_id = "say-hello", wait_seconds = 30 });

        Assert.Equal(McpServerComposition.LatestProtocolVersion, server.Client.NegotiatedProtocolVersion);
        Assert.Contains(tools, tool => tool.Name == "execute_playbook");
        Assert.Equal("completed", started.Str("status"));
    }

    [Fact]
    public async Task Serve_20251125Client_KeepsLoggingSetLevelAndSubscriptions()
    {
        _root.Write("playbooks/say-hello.yaml", TestPlaybooks.Valid);
        await using var server = await StdioServerProcess.StartAsync(Path.Combine(_root.Path, "data"), [Path.Combine(_root.Path, "playbooks")]);

        await server.Client.SetLoggingLevelAsync(LoggingLevel.Info);
        await server.Client.SubscribeToResourceAsync("playbook://say-hello");
        await server.Client.UnsubscribeFromResourceAsync("playbook://say-hello");

        Assert.Equal(McpServerComposition.ProtocolVersion, server.Client.NegotiatedProtocolVersion);
        Assert.NotNull(server.Client.ServerCapabilities?.Resources?.Subscribe);
        Assert.NotNull(server.Client.ServerCapabilities?.Logging);
    }

    public void Dispose() => _root.Dispose();
}
