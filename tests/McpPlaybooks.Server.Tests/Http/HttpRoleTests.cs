using System.Collections.Concurrent;
using McpPlaybooks.Server.Tests.Mcp;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Http;

/// <summary>The token's identity and roles reach the tools through the real transports: role checks, starter, approver.</summary>
public sealed class HttpRoleTests
{
    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task ExecutePlaybook_ViewerToken_RefusedWithTheRoleItNeeds(HttpTransportMode mode)
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks(), http => http with { Tokens = HttpTestServer.WithTokens });
        var bob = await server.ConnectAsync(mode, HttpTestServer.BobToken);

        var listed = await bob.CallOkAsync("list_executions", new { });
        var refused = await bob.CallErrorAsync("execute_playbook", new { playbook_id = "gated" });

        Assert.Equal(0, listed.GetProperty("executions").GetArrayLength());
        Assert.StartsWith("calling execute_playbook needs the operator role; you (bob) have viewer.", refused, StringComparison.Ordinal);
        Assert.Empty((await server.Engine.History.ListExecutionsAsync(new(), CancellationToken.None)).Executions);
    }

    [Theory]
    [InlineData(HttpTransportMode.StreamableHttp)]
    [InlineData(HttpTransportMode.Sse)]
    public async Task ExecutePlaybook_OperatorApproverToken_StartsAndApprovesInChatAsTheTokensIdentity(HttpTransportMode mode)
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks(), http => http with { Tokens = HttpTestServer.WithTokens });
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        var alice = await server.ConnectAsync(mode, HttpTestServer.AliceToken, ChatClients.Answering("http-roles", asked));

        var state = await alice.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        var id = state.Str("execution_id");
        Assert.Equal("completed", state.Str("status"));
        Assert.Single(asked);
        Assert.Equal("alice", (await server.Engine.History.GetExecutionAsync(id, CancellationToken.None))!.StartedBy);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal(("risky", "alice", true), (decision.StepId, decision.Approver, decision.Approved));
    }

    [Fact]
    public async Task ExecutePlaybook_20260728ClientsWithTokens_RolesAndIdentityReachTheToolsWithoutASession()
    {
        await using var server = await HttpTestServer.StartAsync(Playbooks(), http => http with { Tokens = HttpTestServer.WithTokens });
        var bob = await server.ConnectAsync(token: HttpTestServer.BobToken, pinned: false);
        var alice = await server.ConnectAsync(token: HttpTestServer.AliceToken, pinned: false);

        var refused = await bob.CallErrorAsync("execute_playbook", new { playbook_id = "gated" });
        var started = await alice.CallOkAsync("execute_playbook", new { playbook_id = "gated" });

        Assert.Equal("2026-07-28", bob.NegotiatedProtocolVersion);
        Assert.StartsWith("calling execute_playbook needs the operator role; you (bob) have viewer.", refused, StringComparison.Ordinal);
        Assert.Equal("alice", (await server.Engine.History.GetExecutionAsync(started.Str("execution_id"), CancellationToken.None))!.StartedBy);
        Assert.Equal(0, server.Host.Sessions.Count);
    }

    private static Dictionary<string, string> Playbooks() => new() { ["gated.yaml"] = Gated };
}
