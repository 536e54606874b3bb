using System.Collections.Concurrent;
using McpPlaybooks.Server.Tests.Mcp;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>Approvals in chat over HTTP: in a session the server asks the client while the POST of the call is open; without one (2026-07-28) by a round trip.</summary>
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

    /// <summary>Over stateless HTTP (2026-07-28, no session) the server cannot send a request: the call ends input-required and the client calls again with the answer.</summary>
    [Fact]
    public async Task ExecutePlaybook_July2026ClientApprovesInTheChat_CompletesOverStatelessHttp()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await HttpTestServer.StartAsync(new Dictionary<string, string> { ["gated.yaml"] = Gated });
        var client = await server.ConnectAsync(options: ChatClients.Answering("http-chat", asked), pinned: false);

        var state = await client.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        Assert.Null(client.SessionId);
        Assert.Equal("completed", state.Str("status"));
        Assert.Contains("Restart the service?", Assert.Single(asked).Message, StringComparison.Ordinal);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
        Assert.Equal(("risky", "chat:http-chat", true), (decision.StepId, decision.Approver, decision.Approved));
    }
}
