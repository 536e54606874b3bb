using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tasks.TaskTestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>
/// The 2026-07-28 tasks extension (<c>io.modelcontextprotocol/tasks</c>) with the SDK's C# client unpinned, so that it
/// negotiates 2026-07-28, and declaring the extension: a task tool that would wait answers with a task.
/// </summary>
public sealed class TaskExtensionTests
{
    private const string Extension = "io.modelcontextprotocol/tasks";

    [Fact]
    public async Task ToolsCall_OptedInAndWaiting_IsATaskThatTasksGetAndTasksUpdateCarryToItsEnd()
    {
        await using var server = await StartAsync();
        var (created, taskId, executionId) = await StartAtGateAsync(server);

        var atGate = await server.Client.TaskRequestAsync("tasks/get", taskId);
        var key = Assert.Single(atGate["inputRequests"]!.AsObject()).Key;
        var updated = await server.Client.RequestAsync("tasks/update", new JsonObject
        {
            ["taskId"] = taskId,
            ["inputResponses"] = new JsonObject { [key] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["decision"] = "approve" } } },
        });
        await server.SettledAsync(executionId);
        var ended = await server.Client.TaskRequestAsync("tasks/get", taskId);

        Assert.Equal("2026-07-28", server.Client.NegotiatedProtocolVersion);
        Assert.Equal("task", created.Str("resultType"));
        Assert.True(created["ttlMs"]!.GetValue<long>() > 0);
        Assert.Equal(2000, created["pollIntervalMs"]!.GetValue<long>());
        Assert.Equal("input_required", atGate.Str("status"));
        Assert.StartsWith($"approve:{executionId}/risky#", key, StringComparison.Ordinal);
        Assert.Equal("elicitation/create", atGate["inputRequests"]![key]!["method"]!.GetValue<string>());
        Assert.Equal("complete", updated.Str("resultType"));
        Assert.Equal("completed", ended.Str("status"));
        Assert.Equal("completed", ended["result"]!["structuredContent"]!["status"]!.GetValue<string>());
        var decision = Assert.Single(await server.Engine.History.GetDecisionsAsync(executionId, CancellationToken.None));
        Assert.StartsWith("chat:", decision.Approver, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksCancel_CancelsTheExecution_AndTheTaskIsCancelled()
    {
        await using var server = await StartAsync();
        var (_, taskId, executionId) = await StartAtGateAsync(server);

        var answer = await server.Client.TaskRequestAsync("tasks/cancel", taskId);
        var ended = await server.SettledAsync(executionId);
        var after = await server.Client.TaskRequestAsync("tasks/get", taskId);

        Assert.Equal("complete", answer.Str("resultType"));
        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        Assert.Equal("cancelled", after.Str("status"));
    }

    [Fact]
    public async Task ToolsCall_OptedInWithoutWaiting_AnswersAtOnceAsWithoutTheExtension()
    {
        await using var server = await StartAsync();

        var result = await server.Client.RequestAsync(RequestMethods.ToolsCall, Call(new { playbook_id = "three-logs" }));

        Assert.False(result.ContainsKey("taskId"));
        Assert.NotNull(result["structuredContent"]!["execution_id"]);
    }

    [Fact]
    public async Task Discover_AdvertisesTheExtension()
    {
        await using var server = await StartAsync();

        Assert.True(server.Client.ServerCapabilities.Extensions?.ContainsKey(Extension), "capabilities.extensions has no " + Extension);
    }

    /// <summary>A server whose client is unpinned (2026-07-28) and declares the tasks extension.</summary>
    internal static Task<McpTestServer> StartAsync() => McpTestServer.StartAsync(Options() with
    {
        ProtocolVersion = null,
        Client = new McpClientOptions { Capabilities = new ClientCapabilities { Extensions = new Dictionary<string, object> { [Extension] = new JsonObject() } } },
    });

    /// <summary>execute_playbook gated with wait_seconds, which makes a task; returns once the execution waits at its gate.</summary>
    internal static async Task<(JsonObject Created, string TaskId, string ExecutionId)> StartAtGateAsync(McpTestServer server)
    {
        var created = await server.Client.RequestAsync(RequestMethods.ToolsCall, Call(new { playbook_id = "gated", wait_seconds = 60 }));
        Assert.True(created.ContainsKey("taskId"), created.ToJsonString());
        var taskId = created.Str("taskId");
        var executionId = (await server.Engine.History.GetHandleAsync(taskId, CancellationToken.None))!.ExecutionId;
        await server.SettledAsync(executionId);
        return (created, taskId, executionId);
    }

    private static JsonObject Call(object arguments) => new()
    {
        ["name"] = "execute_playbook",
        ["arguments"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(arguments)),
    };
}
