using System.Text.Json.Nodes;
using ModelContextProtocol;
using static McpPlaybooks.Server.Tests.Mcp.Tasks.TaskTestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>
/// tasks/update records a person's decision in the chat: only over the 2026-07-28 tasks extension, and only as the answer
/// to an input request this server issued (its key is signed, as a round trip's requestState). A 2025-11-25 session, a key
/// the client made up, or an answer without a decision decide nothing and say so.
/// </summary>
public sealed class TaskUpdateProofTests
{
    [Fact]
    public async Task TasksUpdate_SessionOn20251125_IsRefusedAndDecidesNothing()
    {
        await using var server = await McpTestServer.StartAsync(Options());
        var task = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "gated" });
        var taskId = task.Str("taskId");
        var executionId = (await server.Engine.History.GetHandleAsync(taskId, CancellationToken.None))!.ExecutionId;
        await server.SettledAsync(executionId);

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.RequestAsync("tasks/update", Update(taskId, $"approve:{executionId}/risky", Accept("approve"))));

        Assert.Equal(McpErrorCode.MethodNotFound, refused.ErrorCode);
        Assert.Contains("2026-07-28", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(executionId, CancellationToken.None));
        Assert.Single((await server.Engine.GetStateAsync(executionId, CancellationToken.None))!.PendingApprovals);
    }

    [Theory]
    [InlineData("")]
    [InlineData("#bm90LWEtc2VhbA")]
    public async Task TasksUpdate_KeyThisServerDidNotIssue_IsInvalidParamsAndDecidesNothing(string seal)
    {
        await using var server = await TaskExtensionTests.StartAsync();
        var (_, taskId, executionId) = await TaskExtensionTests.StartAtGateAsync(server);

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.RequestAsync("tasks/update", Update(taskId, $"approve:{executionId}/risky{seal}", Accept("approve"))));

        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
        Assert.Contains("not an input request this server issued", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(executionId, CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"action":"accept","content":{}}""", "without a decision")]
    [InlineData("""{"action":"accept","content":{"decision":"maybe"}}""", "without a decision")]
    [InlineData("""{"action":"sure"}""", "not an elicitation result")]
    [InlineData("""{"content":{"decision":"approve"}}""", "not an elicitation result")]
    public async Task TasksUpdate_MalformedAnswer_IsInvalidParamsAndDecidesNothing(string answer, string said)
    {
        await using var server = await TaskExtensionTests.StartAsync();
        var (_, taskId, executionId) = await TaskExtensionTests.StartAtGateAsync(server);
        var key = Assert.Single((await server.Client.TaskRequestAsync("tasks/get", taskId))["inputRequests"]!.AsObject()).Key;

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.RequestAsync("tasks/update", Update(taskId, key, JsonNode.Parse(answer)!)));

        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
        Assert.Contains(said, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(executionId, CancellationToken.None));
    }

    [Fact]
    public async Task TasksUpdate_Decline_LeavesTheGateWaiting()
    {
        await using var server = await TaskExtensionTests.StartAsync();
        var (_, taskId, executionId) = await TaskExtensionTests.StartAtGateAsync(server);
        var key = Assert.Single((await server.Client.TaskRequestAsync("tasks/get", taskId))["inputRequests"]!.AsObject()).Key;

        var answered = await server.Client.RequestAsync("tasks/update", Update(taskId, key, new JsonObject { ["action"] = "decline" }));

        Assert.Equal("complete", answered.Str("resultType"));
        Assert.Empty(await server.Engine.History.GetDecisionsAsync(executionId, CancellationToken.None));
        Assert.Single((await server.Engine.GetStateAsync(executionId, CancellationToken.None))!.PendingApprovals);
    }

    private static JsonObject Accept(string decision) => new() { ["action"] = "accept", ["content"] = new JsonObject { ["decision"] = decision } };

    private static JsonObject Update(string taskId, string key, JsonNode answer) => new()
    {
        ["taskId"] = taskId,
        ["inputResponses"] = new JsonObject { [key] = answer },
    };
}
