using McpPlaybooks.Server.Hosting.Http.Auth;
using ModelContextProtocol.Client;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Auth;

/// <summary>Each tool checks the role it needs when the call carries a token; without one (stdio) nothing is checked.</summary>
public sealed class ToolRoleTests
{
    [Fact]
    public async Task ReadingTools_Viewer_Answer()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("vic", ["viewer"]));
        var id = await TokenServers.RunAsync(server, "echo");

        var playbooks = await server.CallOkAsync("list_playbooks");
        var execution = await server.CallOkAsync("get_execution", new { execution_id = id });

        Assert.NotEmpty(playbooks.GetProperty("playbooks").EnumerateArray());
        Assert.Equal("completed", execution.Str("status"));
    }

    [Fact]
    public async Task EveryToolThatIsNotReadOnly_Viewer_RefusedNamingTheRoleBeforeItsArgumentsAreRead()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("vic", ["viewer"]));
        var tools = await server.Client.ListToolsAsync();
        var writing = tools.Where(t => t.ProtocolTool.Annotations?.ReadOnlyHint is not true).Select(t => t.Name).ToList();

        foreach (var tool in writing)
        {
            // No arguments at all: the role is checked first, so the missing arguments are never mentioned.
            var error = await server.CallErrorAsync(tool);
            var needed = tool == "approve_step" ? "approver" : "operator";
            Assert.StartsWith($"calling {tool} needs the {needed} role; you (vic) have viewer. Ask an admin for a token with {needed}, or use the tools your roles allow (", error, StringComparison.Ordinal);
            Assert.Contains("list_playbooks", error, StringComparison.Ordinal);
            Assert.DoesNotContain("execute_playbook,", error, StringComparison.Ordinal);
        }

        Assert.Contains("execute_playbook", writing);
        Assert.Contains("control_execution", writing);
        Assert.Contains("save_playbook", writing);
        Assert.Contains("approve_step", writing);
        var page = await server.Engine.History.ListExecutionsAsync(new Engine.History.ExecutionQuery(), CancellationToken.None);
        Assert.Empty(page.Executions);
    }

    [Fact]
    public async Task ExecutePlaybook_Operator_StartsAsTheTokensIdentity()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("olga", ["operator"]), ToolCalls.NamedClient("some-client"));

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        var record = await server.Engine.History.GetExecutionAsync(state.Str("execution_id"), CancellationToken.None);
        Assert.Equal("olga", record!.StartedBy);
    }

    [Fact]
    public async Task ApproveStep_Operator_RefusedNamingTheApproverRole()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("olga", ["operator"]));
        var id = await TokenServers.RunAsync(server, "gated");

        var error = await server.CallErrorAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve" });

        Assert.StartsWith("calling approve_step needs the approver role; you (olga) have operator.", error, StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task ControlExecutionReplay_Operator_RecordsTheTokensIdentityAsStarter()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("olga", ["operator"]));
        var id = await TokenServers.RunAsync(server, "echo");

        var state = await server.CallOkAsync("control_execution", new { execution_id = id, action = "replay", wait_seconds = 30 });

        var replay = await server.Engine.History.GetExecutionAsync(state.Str("execution_id"), CancellationToken.None);
        Assert.NotEqual(id, replay!.Id);
        Assert.Equal("olga", replay.StartedBy);
    }

    [Fact]
    public async Task SavePlaybookStatus_Operator_RecordsTheTokensIdentity()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("olga", ["operator"]));

        await server.CallOkAsync("save_playbook", new { playbook_id = "echo", version = "1.0.0", status = "deprecated" });

        var status = await server.Engine.History.GetPlaybookStatusAsync("echo", "1.0.0", CancellationToken.None);
        Assert.Equal("olga", status!.ChangedBy);
    }

    [Fact]
    public async Task EveryTool_Admin_Allowed()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("root", ["admin"]));

        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });
        var state = await server.CallOkAsync("approve_step", new { execution_id = parked.Str("execution_id"), step_id = "risky", decision = "approve", wait_seconds = 30 });

        Assert.Equal("waiting_approval", parked.Str("status"));
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("root", Assert.Single(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None)).Approver);
    }

    [Fact]
    public async Task ExecuteAndApprove_NoToken_ClientIdentityNoRoleCheckAndTheDecisionIsTheAssistants()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with
        {
            Client = ToolCalls.NamedClient("stdio-client"),
            AcceptAssistantApprovals = true,
        });

        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });
        var id = parked.Str("execution_id");
        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", approver = "bob", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("mcp:stdio-client", (await server.Engine.History.GetExecutionAsync(id, CancellationToken.None))!.StartedBy);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal(("assistant:stdio-client", "bob"), (decision.Approver, decision.Claimed));
    }

    [Fact]
    public async Task AnyTool_TokenWithoutServerRole_RefusedSayingSo()
    {
        await using var server = await TokenServers.StartAsync(new HttpCaller("odd", ["oncall"]));

        var error = await server.CallErrorAsync("list_playbooks");

        Assert.Equal("calling list_playbooks needs the viewer role; you (odd) have no server role (only oncall). Ask an admin for a token with viewer.", error);
    }
}
