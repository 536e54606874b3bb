using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Hosting.Http.Auth;
using ModelContextProtocol.Client;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Auth;

/// <summary>Servers whose every message carries a token's principal, as the HTTP transport sets it, and runs started by someone else.</summary>
internal static class TokenServers
{
    public static Task<McpTestServer> StartAsync(HttpCaller? caller, McpClientOptions? client = null, IReadOnlyList<string>? roles = null) =>
        McpTestServer.StartAsync(Options(("gated", Gated), ("oncall-gate", OncallGate), ("echo", Echo)) with
        {
            Caller = caller,
            Client = client,
            Roles = roles ?? [],
        });

    /// <summary>Starts a playbook through the engine (not through the caller's token) and waits until it ends or parks.</summary>
    public static async Task<string> RunAsync(McpTestServer server, string playbookId, string startedBy = "someone-else")
    {
        var entry = server.Catalog.Current.Find(playbookId, null) ?? throw new InvalidOperationException($"no playbook {playbookId}");
        var start = await server.Engine.StartAsync(new ExecutionRequest { Playbook = entry.Definition, Content = entry.Content, StartedBy = startedBy }, null, CancellationToken.None);
        await server.SettledAsync(start.ExecutionId);
        return start.ExecutionId;
    }
}
