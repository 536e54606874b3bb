using System.Collections.Concurrent;
using McpPlaybooks.Server.Tests.Mcp;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>Approvals in chat over HTTP sessions: the server asks the client while the POST of the call is open.</summary>
public sealed class HttpElicitationTests
{
    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task ExecutePlaybook_ClientApprovesInTheChat_CompletesOverHttp(HttpTransportMode mode)
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["gated.yaml"] = Gated });
        var client = await server.ConnectAsync(mode, options: ChatClients.Answering("http-chat", asked));

        var state = await client.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("before:completed risky:completed", state.Steps());
        Assert.Contains("Restart the service?", Assert.Single(asked).Message, StringComparison.Ordinal);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
        Assert.Equal(("risky", "chat:http-chat", true), (decision.StepId, decision.Approver, decision.Approved));
    }
}
