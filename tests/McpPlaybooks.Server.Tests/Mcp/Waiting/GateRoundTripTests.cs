using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Waiting;

/// <summary>
/// Gates asked in the chat of a client that negotiated protocol 2026-07-28: by a multi round-trip request (the call
/// ends input-required, the SDK's client asks its user and calls again with the answer), never by a server-initiated
/// elicitation request; a 2025-11-25 client is still asked by elicitation.
/// </summary>
public sealed class GateRoundTripTests
{
    private const string July2026 = "2026-07-28";

    [Fact]
    public async Task ExecutePlaybook_July2026ClientApproves_AsksByRoundTripAndCompletesOneExecution()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        var wire = new ConcurrentQueue<(string Direction, JsonRpcMessage Message)>();
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with
        {
            Client = ChatClients.Answering("chat-client", asked, "accept", "approve"),
            ProtocolVersion = July2026,
            Wire = wire,
        });

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        Assert.Equal(July2026, server.Client.NegotiatedProtocolVersion);
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("before:completed risky:completed", state.Steps());
        Assert.Contains("approved the gate 'risky' in the chat as chat:chat-client", state.Str("note"), StringComparison.Ordinal);
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
        Assert.Equal("chat:chat-client", decision.Approver);
        Assert.Equal("fine by me", decision.Comment);
        var question = Assert.Single(asked);
        Assert.Contains("step 'risky' of playbook 'gated' 1.0.0", question.Message, StringComparison.Ordinal);

        // On the wire: no server-initiated request at all; the first call answered input_required, the second carried the answer.
        Assert.DoesNotContain(wire, m => m.Direction == "out" && m.Message is JsonRpcRequest);
        var calls = Calls(wire);
        Assert.Equal(2, calls.Count);
        Assert.Null(calls[0]["requestState"]);
        Assert.StartsWith("mcp-playbooks.gate.", calls[1]["requestState"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("approve", calls[1]["inputResponses"]!["gate"]!["content"]!["decision"]!.GetValue<string>());
        var inputRequired = Assert.Single(wire, m => m.Direction == "out" && m.Message is JsonRpcResponse { Result: JsonObject r } && r["resultType"]?.GetValue<string>() == "input_required");
        var form = ((JsonRpcResponse)inputRequired.Message).Result!["inputRequests"]!["gate"]!;
        Assert.Equal("elicitation/create", form["method"]!.GetValue<string>());

        // Calling again did not start a second execution.
        var listed = await server.Engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = 10 }, CancellationToken.None);
        Assert.Single(listed.Executions);
    }

    [Fact]
    public async Task ExecutePlaybook_November2025ClientApproves_AsksByElicitationRequest()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        var wire = new ConcurrentQueue<(string Direction, JsonRpcMessage Message)>();
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with
        {
            Client = ChatClients.Answering("chat-client", asked, "accept", "approve"),
            Wire = wire,
        });

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        Assert.Equal("2025-11-25", server.Client.NegotiatedProtocolVersion);
        Assert.Equal("completed", state.Str("status"));
        Assert.Single(asked);
        Assert.Contains(wire, m => m.Direction == "out" && m.Message is JsonRpcRequest { Method: "elicitation/create" });
        Assert.Single(Calls(wire));
    }

    [Fact]
    public async Task ApproveStep_July2026WaitReachesASecondGate_AsksByRoundTripAndDecidesTheFirstOnce()
    {
        var asked = new ConcurrentQueue<ElicitRequestParams>();
        await using var server = await McpTestServer.StartAsync(Options(("two-gates", TwoGates)) with
        {
            Client = ChatClients.Answering("chat-client", asked, "accept", "approve"),
            ProtocolVersion = July2026,
            AcceptAssistantApprovals = true,
        });
        var started = await server.CallOkAsync("execute_playbook", new { playbook_id = "two-gates" });
        var id = started.Str("execution_id");
        await server.SettledAsync(id);

        var state = await server.CallOkAsync("approve_step", new { execution_id = id, step_id = "first", decision = "approve", wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        Assert.Contains("step 'second'", Assert.Single(asked).Message, StringComparison.Ordinal);
        var decisions = await server.Engine.History.GetDecisionsAsync(id, CancellationToken.None);
        Assert.Equal(["first:assistant:chat-client", "second:chat:chat-client"], decisions.Select(d => $"{d.StepId}:{d.Approver}").Order().ToArray());
    }

    [Fact]
    public async Task ExecutePlaybook_GateDecidedElsewhereBeforeTheAnswerComesBack_RecordsNothingFromTheChat()
    {
        McpTestServer? running = null;
        var options = ChatClients.Answering("chat-client", new ConcurrentQueue<ElicitRequestParams>(), "accept", "approve");
        var chat = options.Handlers.ElicitationHandler!;
        options.Handlers.ElicitationHandler = async (request, cancellationToken) =>
        {
            // While the user reads the question, someone else rejects the gate with approve_step's engine call.
            var waiting = (await running!.Engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = 1 }, cancellationToken)).Executions.Single();
            await running.Engine.DecideAsync(new ApprovalRequest { ExecutionId = waiting.Id, StepId = "risky", Approve = false, By = ApproverIdentity.Cli("someone-else") }, cancellationToken);
            return await chat(request, cancellationToken);
        };
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with { Client = options, ProtocolVersion = July2026 });
        running = server;

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        // Depending on whether the run has left the gate when the answer comes back, the server finds no gate to decide,
        // or the engine refuses the second decision: either way the chat's answer is not recorded, and the note says so.
        Assert.NotEqual("completed", state.Str("status")); // rejected: failed, or still leaving the gate
        Assert.Matches("the answer given in the chat about 'risky' came when the gate no longer waited: nothing was recorded|the decision given in the chat was not recorded", state.Str("note"));
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(state.Str("execution_id"), CancellationToken.None));
        Assert.Equal("cli:someone-else", decision.Approver);
    }

    [Fact]
    public async Task ExecutePlaybook_AnswerSentLaterWithTheState_DecidesFromTheStateAlone()
    {
        // Nothing waits in the server between the two calls: a later call that brings the state and an answer goes on.
        var (server, declined, issued) = await DeclinedAtTheGateAsync();
        await using var _ = server;

        var result = await ApproveWithStateAsync(server, issued);

        Assert.False(result.IsError is true, ToolCalls.Text(result));
        var state = result.StructuredContent!.Value;
        Assert.Equal(declined, state.Str("execution_id"));
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("chat:chat-client", Assert.Single(await server.Engine.History.GetDecisionsAsync(declined, CancellationToken.None)).Approver);
        Assert.Single((await server.Engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = 10 }, CancellationToken.None)).Executions);
    }

    [Fact]
    public async Task ExecutePlaybook_RequestStateWrittenByTheClientItself_RecordsNoDecision()
    {
        // A client with no person (and no token) wrote a well-formed state and an "approve" answer, never having been
        // asked: it was recorded as a chat decision and the run completed. The state is signed by the server now.
        var (server, declined, issued) = await DeclinedAtTheGateAsync();
        await using var _ = server;

        // What such a client writes: the prefix and the state's JSON in base64, as the server's own state reads.
        var result = await ApproveWithStateAsync(server, "mcp-playbooks.gate." + issued["mcp-playbooks.gate.".Length..].Split('.')[0]);

        Assert.True(result.IsError);
        Assert.Contains("the requestState of this call is not one execute_playbook issued", ToolCalls.Text(result), StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(declined, CancellationToken.None));
        Assert.Equal(ExecutionStatus.WaitingApproval, (await server.Engine.History.GetExecutionAsync(declined, CancellationToken.None))!.Status);
    }

    /// <summary>A 2026-07-28 server whose chat client declined the gate of 'gated': the execution and the requestState it was given.</summary>
    private static async Task<(McpTestServer Server, string ExecutionId, string Issued)> DeclinedAtTheGateAsync()
    {
        var wire = new ConcurrentQueue<(string Direction, JsonRpcMessage Message)>();
        var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with
        {
            Client = ChatClients.Answering("chat-client", new ConcurrentQueue<ElicitRequestParams>(), "decline", null),
            ProtocolVersion = July2026,
            Wire = wire,
        });
        var declined = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });
        Assert.Equal("waiting_approval", declined.Str("status"));
        var issued = wire.Select(m => m.Message).OfType<JsonRpcResponse>().Select(r => r.Result as JsonObject)
            .Single(r => r?["resultType"]?.GetValue<string>() == "input_required")!["requestState"]!.GetValue<string>();
        return (server, declined.Str("execution_id"), issued);
    }

    /// <summary>execute_playbook called again with <paramref name="requestState"/> and the answer "approve".</summary>
    private static async Task<CallToolResult> ApproveWithStateAsync(McpTestServer server, string requestState) =>
        await server.Client.CallToolAsync(new CallToolRequestParams
        {
            Name = "execute_playbook",
            Arguments = new Dictionary<string, System.Text.Json.JsonElement>
            {
                ["playbook_id"] = System.Text.Json.JsonSerializer.SerializeToElement("gated"),
                ["wait_seconds"] = System.Text.Json.JsonSerializer.SerializeToElement(30),
            },
            RequestState = requestState,
            InputResponses = new Dictionary<string, InputResponse>
            {
                ["gate"] = InputResponse.FromElicitResult(new ElicitResult
                {
                    Action = "accept",
                    Content = new Dictionary<string, System.Text.Json.JsonElement> { ["decision"] = System.Text.Json.JsonSerializer.SerializeToElement("approve") },
                }),
            },
        });

    [Fact]
    public async Task ExecutePlaybook_RequestStateNotIssuedByTheServer_IsRefusedAndStartsNothing()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with { ProtocolVersion = July2026 });

        var result = await server.Client.CallToolAsync(new CallToolRequestParams
        {
            Name = "execute_playbook",
            Arguments = new Dictionary<string, System.Text.Json.JsonElement> { ["playbook_id"] = System.Text.Json.JsonSerializer.SerializeToElement("gated") },
            RequestState = "mcp-playbooks.gate.bm90IGpzb24=",
        });

        Assert.True(result.IsError);
        Assert.Contains("the requestState of this call is not one execute_playbook issued", ToolCalls.Text(result), StringComparison.Ordinal);
        Assert.Empty((await server.Engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = 10 }, CancellationToken.None)).Executions);
    }

    private static List<JsonObject> Calls(ConcurrentQueue<(string Direction, JsonRpcMessage Message)> wire) =>
        [.. wire.Where(m => m.Direction == "in" && m.Message is JsonRpcRequest { Method: "tools/call" }).Select(m => (JsonObject)((JsonRpcRequest)m.Message).Params!)];
}
