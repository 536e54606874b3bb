using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Server.Hosting.Http.Auth;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Approvals;

/// <summary>
/// A gate means a person decided: approve_step with no verified identity (stdio, HTTP without tokens) is the assistant's,
/// and no claimed name or role passes a gate that names people; a gate that lists <c>assistant</c> accepts it, and so does
/// every gate (but a separate-approver one) when the server accepts assistant decisions.
/// </summary>
public sealed class AssistantApprovalTests
{
    /// <summary>A gate that names people and a role, never the assistant.</summary>
    internal const string PeopleGate = """
        id: people-gate
        name: People gate
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Restart checkout?", approvers: [oncall, platform-leads, alice], timeout: 15m }
            action: log
            with: { message: restarted }
        """;

    private const string AssistantGate = """
        id: assistant-gate
        name: Assistant gate
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Clear the cache?", approvers: [oncall, assistant], timeout: 15m }
            action: log
            with: { message: cleared }
        """;

    private const string SeparateGate = """
        id: separate-gate
        name: Separate gate
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Drop the table?", approvers: [assistant, alice], separate_approver: true, timeout: 15m }
            action: log
            with: { message: dropped }
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("oncall")]
    [InlineData("platform-leads")]
    [InlineData("alice")]
    [InlineData("role:oncall")]
    [InlineData("cli:alice")]
    public async Task ApproveStep_NoToken_AnyClaimedNameOrRole_IsRefusedAndNothingIsRecorded(string? claimed)
    {
        await using var server = await McpTestServer.StartAsync(Options(("people-gate", PeopleGate)) with { Roles = ["oncall"] });
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "people-gate", wait_seconds = 30 })).Str("execution_id");

        var error = await server.CallErrorAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", approver = claimed });

        Assert.StartsWith("refused: assistant:testhost has no verified identity", error, StringComparison.Ordinal);
        Assert.Contains($"run 'mcp-playbooks approve {id} risky'", error, StringComparison.Ordinal);
        foreach (var hint in new[] { "oncall", "platform-leads", "alice", "role" })
        {
            Assert.DoesNotContain(hint, error, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal(ExecutionStatus.WaitingApproval, (await server.Engine.GetStateAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ExecutePlaybook_NoToken_AtAGateNamingPeople_ProposesNoApproveStepAndSaysHowAPersonDecides()
    {
        await using var server = await McpTestServer.StartAsync(Options(("people-gate", PeopleGate)));

        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "people-gate", wait_seconds = 30 });

        var id = parked.Str("execution_id");
        Assert.Equal("waiting_approval", parked.Str("status"));
        Assert.DoesNotContain(parked.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "approve_step");
        Assert.Contains(parked.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "control_execution");
        Assert.Contains($"'risky' needs a person's decision, which approve_step from you cannot give: the person runs 'mcp-playbooks approve {id} risky'", parked.Str("note"), StringComparison.Ordinal);
        Assert.DoesNotContain("call approve_step", parked.Str("note"), StringComparison.Ordinal);
        var again = await server.CallOkAsync("get_execution", new { execution_id = id });
        Assert.DoesNotContain(again.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "approve_step");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExecutePlaybook_AtAGateTheCallerMayDecide_ProposesApproveStep(bool token)
    {
        var options = token
            ? Options(("people-gate", PeopleGate)) with { Caller = new HttpCaller("alice", [ServerRoles.Operator, ServerRoles.Approver]) }
            : Options(("assistant-gate", AssistantGate));
        await using var server = await McpTestServer.StartAsync(options);

        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = token ? "people-gate" : "assistant-gate", wait_seconds = 30 });

        var approve = Assert.Single(parked.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "approve_step");
        Assert.Equal("risky", approve.GetProperty("arguments").Str("step_id"));
        Assert.Contains($"call approve_step with execution_id={parked.Str("execution_id")}, step_id=risky", parked.Str("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveStep_NoToken_RejectingIsRefusedToo()
    {
        await using var server = await McpTestServer.StartAsync(Options(("people-gate", PeopleGate)));
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "people-gate", wait_seconds = 30 })).Str("execution_id");

        var error = await server.CallErrorAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "reject" });

        Assert.StartsWith("refused: assistant:testhost has no verified identity", error, StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task ApproveStep_NoToken_OnAGateListingAssistant_PassesRecordedAsTheAssistantUnverified()
    {
        await using var server = await McpTestServer.StartAsync(Options(("assistant-gate", AssistantGate)));
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "assistant-gate", wait_seconds = 30 })).Str("execution_id");

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", approver = "alice", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal(("assistant:testhost", ApprovalChannel.Assistant, "alice", (string?)null), (decision.Approver, decision.Channel, decision.Claimed, decision.Person));
        var logs = await server.CallOkAsync("get_execution_logs", new { execution_id = id });
        Assert.Contains("approved by assistant:testhost (assistant, unverified)", logs.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveStep_OnAQuorumGate_TheStateShowsTheDecisionsChannelAndThatItIsUnverified()
    {
        var quorum = AssistantGate.Replace("approvers: [oncall, assistant]", "approvers: [oncall, assistant], min_approvals: 2", StringComparison.Ordinal);
        await using var server = await McpTestServer.StartAsync(Options(("assistant-gate", quorum)));
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "assistant-gate", wait_seconds = 30 })).Str("execution_id");

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve" });

        var gate = Assert.Single(state.GetProperty("pending_approvals").EnumerateArray());
        Assert.False(gate.GetProperty("separate_approver").GetBoolean());
        var decision = Assert.Single(gate.GetProperty("decisions").EnumerateArray());
        Assert.Equal(("assistant:testhost", "assistant", false), (decision.Str("approver"), decision.Str("channel"), decision.GetProperty("verified").GetBoolean()));
    }

    [Fact]
    public async Task ApproveStep_ServerAcceptsAssistants_PassesAGateNamingTheClaimedRole_RecordedAsAssistant()
    {
        await using var server = await McpTestServer.StartAsync(Options(("people-gate", PeopleGate)) with { AcceptAssistantApprovals = true });
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "people-gate", wait_seconds = 30 })).Str("execution_id");

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", approver = "oncall", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal((ApprovalChannel.Assistant, "oncall"), (decision.Channel, decision.Claimed));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApproveStep_NoToken_OnASeparateApproverGate_IsRefusedEvenWhenAccepted(bool accept)
    {
        await using var server = await McpTestServer.StartAsync(Options(("separate-gate", SeparateGate)) with { AcceptAssistantApprovals = accept });
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "separate-gate", wait_seconds = 30 })).Str("execution_id");

        var error = await server.CallErrorAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", approver = "alice" });

        Assert.Contains("needs a separate approver, and an assistant cannot be told apart from whoever started the execution", error, StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task ApproveStep_WithAnApproverToken_PassesAsTheTokensPerson()
    {
        await using var server = await McpTestServer.StartAsync(Options(("people-gate", PeopleGate)) with { Caller = new HttpCaller("alice", [ServerRoles.Operator, ServerRoles.Approver]) });
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "people-gate", wait_seconds = 30 })).Str("execution_id");

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal(("alice", ApprovalChannel.Token, "alice"), (decision.Approver, decision.Channel, decision.Person));
    }

    [Fact]
    public async Task ApproveStep_WithATokenOfSomeoneNotListed_IsRefusedNamingWhoTheGateAccepts()
    {
        await using var server = await McpTestServer.StartAsync(Options(("people-gate", PeopleGate)) with { Caller = new HttpCaller("bob", [ServerRoles.Operator, ServerRoles.Approver]) });
        var id = (await server.CallOkAsync("execute_playbook", new { playbook_id = "people-gate", wait_seconds = 30 })).Str("execution_id");

        var error = await server.CallErrorAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve" });

        Assert.Equal("refused: bob is not an approver of the gate of step 'risky': it accepts oncall, platform-leads, alice.", error);
    }
}
