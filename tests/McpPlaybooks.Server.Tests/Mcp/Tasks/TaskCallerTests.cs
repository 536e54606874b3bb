using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Hosting.Http.Auth;
using ModelContextProtocol;
using static McpPlaybooks.Server.Tests.Mcp.Tasks.TaskTestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>Tasks with bearer tokens (the principal the HTTP transport sets on each message): whose tasks, which roles; and ttl.</summary>
public sealed class TaskCallerTests
{
    [Fact]
    public async Task TasksGet_AnotherIdentitysTask_IsUnknown_AndTasksListLeavesItOut()
    {
        await using var server = await McpTestServer.StartAsync(Options() with { Caller = new HttpCaller("alice", [ServerRoles.Operator]) });
        var mine = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "three-logs" });
        var executionId = (await server.Engine.History.GetHandleAsync(mine.Str("taskId"), CancellationToken.None))!.ExecutionId;
        var bobs = await SaveBobsTaskAsync(server, executionId);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.TaskRequestAsync("tasks/get", bobs));
        var list = await server.Client.RequestAsync("tasks/list", null);

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("unknown task", error.Message, StringComparison.Ordinal);
        Assert.Equal([mine.Str("taskId")], list["tasks"]!.AsArray().Select(t => t!["taskId"]!.GetValue<string>()));
        Assert.Equal("alice", (await server.Engine.History.GetHandleAsync(mine.Str("taskId"), CancellationToken.None))!.Holder);
    }

    [Fact]
    public async Task TasksList_WithoutAToken_LeavesOutTasksATokenHolds()
    {
        await using var server = await McpTestServer.StartAsync(Options());
        var mine = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "three-logs" });
        var executionId = (await server.Engine.History.GetHandleAsync(mine.Str("taskId"), CancellationToken.None))!.ExecutionId;

        // Made through a token on a server that shares this history: tasks/get here calls it unknown, so tasks/list leaves it out.
        var bobs = await SaveBobsTaskAsync(server, executionId);

        var list = await server.Client.RequestAsync("tasks/list", null);
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.TaskRequestAsync("tasks/get", bobs));

        Assert.Equal([mine.Str("taskId")], list["tasks"]!.AsArray().Select(t => t!["taskId"]!.GetValue<string>()));
        Assert.Contains("unknown task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksCancel_WithoutTheOperatorRole_IsRefused()
    {
        await using var server = await McpTestServer.StartAsync(Options() with { Caller = new HttpCaller("victor", [ServerRoles.Viewer]) });

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.TaskRequestAsync("tasks/cancel", "task-" + new string('0', 32)));

        Assert.Equal(McpErrorCode.InvalidRequest, error.ErrorCode);
        Assert.Contains("operator", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L, 10_000L)]
    [InlineData(90_000L, 90_000L)]
    [InlineData(999_999_999_999L, 2_592_000_000L)]
    public async Task ToolsCall_WithTaskTtl_IsGrantedWithinTheBounds(long requested, long granted)
    {
        await using var server = await McpTestServer.StartAsync(Options());

        var task = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "three-logs" }, ttl: requested);

        Assert.Equal(granted, task["ttl"]!.GetValue<long>());
        Assert.Equal(TimeSpan.FromMilliseconds(granted), (await server.Engine.History.GetHandleAsync(task.Str("taskId"), CancellationToken.None))!.Ttl);
    }

    /// <summary>A task on <paramref name="executionId"/> that bob's token holds, as a server sharing the history records it.</summary>
    private static async Task<string> SaveBobsTaskAsync(McpTestServer server, string executionId)
    {
        var bobs = "task-" + new string('b', 32);
        await server.Engine.History.SaveHandleAsync(new ExecutionHandleRecord
        {
            Id = bobs,
            ExecutionId = executionId,
            Holder = "bob",
            Origin = "execute_playbook",
            CreatedAt = DateTimeOffset.UtcNow,
            Ttl = TimeSpan.FromHours(1),
            PollInterval = TimeSpan.FromSeconds(2),
        });
        return bobs;
    }
}
