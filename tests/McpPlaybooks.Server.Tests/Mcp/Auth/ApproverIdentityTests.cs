using System.Collections.Concurrent;
using McpPlaybooks.Server.Hosting.Http.Auth;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Auth;

/// <summary>With a token the approver is the token's identity, never an argument; a gate's approvers match the token's roles.</summary>
public sealed class ApproverIdentityTests
{
    [Fact]
    public async Task ApproveStep_Approver_RecordedAsTheTokensIdentity()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("ann", ["approver"]), ToolCalls.NamedClient("ann-client"));
        var id = await TokenServers.RunAsync(server, "gated");

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", comment = "ok", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("ann", Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None)).Approver);
    }

    [Fact]
    public async Task ApproveStep_ApproverArgumentNamesSomeoneElse_RefusedAndNothingRecorded()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("ann", ["approver"]));
        var id = await TokenServers.RunAsync(server, "gated");

        var error = await server.CallErrorAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", approver = "bob" });

        Assert.StartsWith("the approver comes from your token: you are ann, so approve_step cannot decide as 'bob'. Call approve_step again without approver", error, StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task ApproveStep_ApproverArgumentIsTheTokensIdentity_Accepted()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("ann", ["approver"]));
        var id = await TokenServers.RunAsync(server, "gated");

        await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "reject", approver = "ann" });

        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal("ann", decision.Approver);
        Assert.False(decision.Approved);
    }

    [Fact]
    public async Task ApproveStep_GateNamesARoleTheTokenHolds_Approved()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("ann", ["approver", "oncall"]));
        var id = await TokenServers.RunAsync(server, "oncall-gate");

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
    }

    [Fact]
    public async Task ApproveStep_GateNamesARoleOnlyTheServersSettingGives_RefusedForTheToken()
    {
        // The Roles setting speaks for the one person behind a stdio client; a token's roles replace it.
        await using var server = await TokenServers.StartAsync(new HttpCaller("ann", ["approver"]), roles: ["oncall"]);
        var id = await TokenServers.RunAsync(server, "oncall-gate");

        var error = await server.CallErrorAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve" });

        Assert.Contains("ann is not an approver of the gate of step 'risky': it accepts oncall.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutePlaybook_ApproverAnswersInTheChat_RecordedAsTheTokensIdentity()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await TokenServers.StartAsync(new HttpCaller("alice", ["operator", "approver", "oncall"]), ChatClients.Answering("chat-client", asked));

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "oncall-gate", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        Assert.Single(asked);
        Assert.Equal("alice", Assert.Single(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None)).Approver);
        Assert.Contains("in the chat as alice", state.Str("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutePlaybook_OperatorWithoutApproverRole_NotAskedInTheChat()
    {
        // Deciding in the chat must not let an operator do what approve_step refuses them.
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await TokenServers.StartAsync(new HttpCaller("olga", ["operator"]), ChatClients.Answering("chat-client", asked));

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        Assert.Equal("waiting_approval", state.Str("status"));
        Assert.Empty(asked);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
    }
}
