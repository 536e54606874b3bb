namespace McpPlaybooks.Server.Tests.Mcp;

public sealed class McpTestServerTests
{
    [Fact]
    public async Task StartAsync_Initialize_NegotiatesPinnedProtocolAndNamesTheServer()
    {
        await using var server = await McpTestServer.StartAsync();

        Assert.Equal("2025-11-25", server.Client.NegotiatedProtocolVersion);
        Assert.Equal("mcp-playbooks", server.Client.ServerInfo?.Name);
        Assert.Contains("plan_playbook", server.Client.ServerInstructions ?? "", StringComparison.Ordinal);
    }
}
