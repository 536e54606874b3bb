using System.Collections.Concurrent;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary>Gates decided in the chat: the server asks a client that answers elicitation while a call waits.</summary>
public sealed class ElicitationTests
{
    [Fact]
    public async Task ExecutePlaybook_ClientApprovesInTheChat_CompletesWithTheElicitationApprover()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with { Client = ChatClients.Answering("chat-client", asked, "accept", "approve") });

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        var id = state.Str("execution_id");
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("before:completed risky:completed", state.Steps());
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None));
        Assert.Equal("chat:chat-client", decision.Approver);
        Assert.True(decision.Approved);
        Assert.Equal("fine by me", decision.Comment);
        Assert.Contains("approved the gate 'risky' in the chat as chat:chat-client", state.Str("note"), StringComparison.Ordinal);
        var question = Assert.Single(asked);
        Assert.Contains("step 'risky' of playbook 'gated' 1.0.0", question.Message, StringComparison.Ordinal);
        Assert.Contains("Restart the service?", question.Message, StringComparison.Ordinal);
        Assert.Contains("Approvers: anyone", question.Message, StringComparison.Ordinal);
        Assert.Contains("Deadline: 2", question.Message, StringComparison.Ordinal);
        var decisionSchema = Assert.IsType<ElicitRequestParams.UntitledSingleSelectEnumSchema>(question.RequestedSchema!.Properties["decision"]);
        Assert.Equal(["approve", "reject"], decisionSchema.Enum);
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")] // asked by a round trip instead of an elicitation request (GateRoundTripTests)
    public async Task ExecutePlaybook_ClientDeclinesInTheChat_ReturnsWaitingApproval(string protocolVersion)
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with { Client = ChatClients.Answering("chat-client", asked, "decline", null), ProtocolVersion = protocolVersion, AcceptAssistantApprovals = true });

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        Assert.Equal("waiting_approval", state.Str("status"));
        Assert.Single(asked);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
        Assert.Contains("the user chose 'decline' when asked in the chat", state.Str("note"), StringComparison.Ordinal);
        Assert.Contains("call approve_step with execution_id=", state.Str("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutePlaybook_ChatAnswerWouldNotCount_IsNotAskedAndTheNoteSaysHowAPersonDecides()
    {
        // The gate accepts oncall; the chat's person is chat:chat-client (no chat user configured), whose "approve" the engine
        // would refuse: the person is not asked a question that cannot count.
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await McpTestServer.StartAsync(Options(("oncall-gate", OncallGate)) with { Client = ChatClients.Answering("chat-client", asked, "accept", "approve") });

        var result = await server.CallAsync("execute_playbook", new { playbook_id = "oncall-gate", wait_seconds = 5 });

        Assert.False(result.IsError is true);
        var state = result.StructuredContent!.Value;
        Assert.Equal("waiting_approval", state.Str("status"));
        Assert.Empty(asked);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
        Assert.DoesNotContain("in the chat", state.Str("note"), StringComparison.Ordinal);
        Assert.Contains("'risky' needs a person's decision, which approve_step from you cannot give: the person runs 'mcp-playbooks approve ", state.Str("note"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("dana")]
    public async Task ExecutePlaybook_QuorumGate_AskedInTheChatOnlyWhenTheChatsPersonIsKnown(string? chatUser)
    {
        // Without a token or a chat user, the chat's identity is the client's self-chosen name: the same person in a client
        // that calls itself otherwise would count twice toward min_approvals. The chat is asked only when the person is known.
        const string Quorum = """
            id: quorum
            name: Quorum
            version: 1.0.0
            steps:
              - id: risky
                approval: { message: "Fail over?", min_approvals: 2, timeout: 15m }
                action: log
                with: { message: failed over }
            """;
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await McpTestServer.StartAsync(Options(("quorum", Quorum)) with
        {
            Client = ChatClients.Answering("chat-client", asked, "accept", "approve"),
            ChatUser = chatUser,
        });

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "quorum", wait_seconds = 3 });

        Assert.Equal("waiting_approval", state.Str("status"));
        var decisions = await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None);
        if (chatUser is null)
        {
            Assert.Empty(asked);
            Assert.Empty(decisions);
            Assert.Contains("'risky' needs a person's decision", state.Str("note"), StringComparison.Ordinal);
        }
        else
        {
            Assert.Single(asked);
            Assert.Equal("dana", Assert.Single(decisions).Approver);
        }
    }

    [Fact]
    public async Task ExecutePlaybook_ChatUserHoldsTheGatesRole_ApprovedInTheChat()
    {
        // Over stdio one person is behind the client: the configured chat user; the configured Roles are theirs, so an oncall
        // gate takes their word.
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await McpTestServer.StartAsync(Options(("oncall-gate", OncallGate)) with
        {
            Client = ChatClients.Answering("chat-client", asked, "accept", "approve"),
            Roles = ["oncall"],
            ChatUser = "dana",
        });

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "oncall-gate", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
        Assert.Equal(("dana", Engine.Execution.Approvals.ApprovalChannel.Chat, "dana"), (decision.Approver, decision.Channel, decision.Person));
    }

    [Fact]
    public async Task ExecutePlaybook_ChildGateShownInTheParent_IsAskedInTheChatAndDecidedOnTheChild()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated), ("parent", ParentOfGated)) with { Client = ChatClients.Answering("chat-client", asked, "accept", "approve") });

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "parent", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        var question = Assert.Single(asked);
        Assert.Contains("step 'risky' of playbook 'parent' 1.0.0 (execution ex-", question.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(state.Str("execution_id"), question.Message, StringComparison.Ordinal); // the child's id, not the parent's
        var child = state.Step("call").GetProperty("output").Str("execution_id");
        Assert.Equal("chat:chat-client", Assert.Single(await server.Engine.History.GetDecisionsAsync(child, CancellationToken.None)).Approver);
    }

    [Fact]
    public async Task ExecutePlaybook_NoAnswerInTheChatBeforeWaitSeconds_WithdrawsTheQuestionAndReturnsWaitingApproval()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        var options = ChatClients.Answering("slow-client", asked, "accept", "approve");
        options.Handlers.ElicitationHandler = async (request, cancellationToken) =>
        {
            asked.Enqueue(request!);
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken); // never answers; the server gives up
            return new ElicitResult();
        };
        var wire = new ConcurrentQueue<(string Direction, JsonRpcMessage Message)>();
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with { Client = options, Wire = wire });

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 1 });

        Assert.Equal("waiting_approval", state.Str("status"));
        Assert.Single(asked);
        // The question is withdrawn on the wire, so the client can close it: a late answer is never silently dropped.
        var question = Assert.Single(wire, m => m.Direction == "out" && m.Message is JsonRpcRequest { Method: RequestMethods.ElicitationCreate }).Message as JsonRpcRequest;
        var cancelled = Assert.Single(wire, m => m.Direction == "out" && m.Message is JsonRpcNotification { Method: NotificationMethods.CancelledNotification }).Message as JsonRpcNotification;
        Assert.Equal(question!.Id.ToString(), cancelled!.Params?["requestId"]?.ToString());
        Assert.Contains("no answer came in the chat before wait_seconds ran out, so the question was withdrawn (the client was sent notifications/cancelled)", state.Str("note"), StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
    }

    [Fact]
    public async Task ApproveStep_WaitReachesASecondGate_AsksInTheChatForIt()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await McpTestServer.StartAsync(Options(("two-gates", TwoGates)) with { Client = ChatClients.Answering("chat-client", asked, "accept", "approve"), AcceptAssistantApprovals = true });
        var started = await server.CallOkAsync("execute_playbook", new { playbook_id = "two-gates" });
        var id = started.Str("execution_id");
        await server.SettledAsync(id);

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "first", decision = "approve", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        var question = Assert.Single(asked);
        Assert.Contains("step 'second'", question.Message, StringComparison.Ordinal);
        var decisions = await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None);
        Assert.Equal(["first:assistant:chat-client", "second:chat:chat-client"], decisions.Select(d => $"{d.StepId}:{d.Approver}").Order().ToArray());
    }
}
