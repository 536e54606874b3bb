using System.Text.Json;
using McpPlaybooks.Server.Tests.TypeScript;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>The official TypeScript client (1.32.2, protocol 2025-11-25 at most) over the SDK's Streamable HTTP transport.</summary>
public sealed class TypeScriptHttpClientTests
{
    [Fact]
    public async Task TheTypeScriptClient_WithAToken_Gets20251125WithASessionSubscriptionsAndLogging()
    {
        await using var server = await HttpTestServer.StartAsync(
            new Dictionary<string, string> { ["gated.yaml"] = Gated },
            http => http with { Tokens = HttpTestServer.WithTokens });

        var run = await TypeScriptClient.RunFileAsync(
            "tests/McpPlaybooks.Server.Tests/Http/TypeScript/http-20251125.mjs",
            [server.Host.Endpoint.ToString(), HttpTestServer.AliceToken]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var seen = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("2025-11-25", seen.GetProperty("protocolVersion").GetString());
        Assert.False(string.IsNullOrEmpty(seen.GetProperty("sessionId").GetString()));
        Assert.True(seen.GetProperty("tools").GetInt32() > 5);
        Assert.Equal("waiting_approval", seen.GetProperty("gated").GetString());
        Assert.False(seen.GetProperty("approveError").GetBoolean());
        Assert.StartsWith("execution://", seen.GetProperty("updated").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", seen.GetProperty("final").GetString());
        var id = seen.GetProperty("updated").GetString()!["execution://".Length..];
        Assert.Equal("alice", (await server.Engine.History.GetExecutionAsync(id, CancellationToken.None))!.StartedBy);
    }
}
