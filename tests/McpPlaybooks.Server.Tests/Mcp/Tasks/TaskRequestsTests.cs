using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tasks.TaskTestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>Tasks (protocol 2025-11-25) through a real C# client on the in-process server: raw requests, real engine and history.</summary>
public sealed class TaskRequestsTests
{
    [Fact]
    public async Task ToolsCall_WithTask_RecordsTheTaskBeforeAnswering()
    {
        await using var server = await McpTestServer.StartAsync(Options());

        var task = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 900 }, ttl: 60_000);

        var handle = await server.Engine.History.GetHandleAsync(task.Str("taskId"), CancellationToken.None);
        Assert.NotNull(handle);
        Assert.Equal("execute_playbook", handle.Origin);
        Assert.Equal(60_000, task["ttl"]!.GetValue<long>());
        Assert.Equal(2_000, task["pollInterval"]!.GetValue<long>());
        Assert.Contains(task.Str("status"), new[] { "working", "input_required" });
        Assert.NotNull(await server.Engine.History.GetExecutionAsync(handle.ExecutionId, CancellationToken.None));
    }

    [Fact]
    public async Task TasksGet_AtAGate_IsInputRequired_AndTasksResultReturnsTheEndAfterApproval()
    {
        await using var server = await McpTestServer.StartAsync(Options());
        var task = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "gated" });
        var taskId = task.Str("taskId");
        var executionId = (await server.Engine.History.GetHandleAsync(taskId, CancellationToken.None))!.ExecutionId;
        await server.SettledAsync(executionId);

        var atGate = await server.Client.TaskRequestAsync("tasks/get", taskId);
        var result = server.Client.TaskRequestAsync("tasks/result", taskId);
        await server.CallOkAsync("approve_step", new { execution_id = executionId, step_id = "risky", decision = "approve" });
        var ended = await result;
        var after = await server.Client.TaskRequestAsync("tasks/get", taskId);

        Assert.Equal("input_required", atGate.Str("status"));
        Assert.Contains("approve_step", atGate.Str("statusMessage"), StringComparison.Ordinal);
        Assert.Equal("completed", after.Str("status"));
        Assert.Equal("completed", ended["structuredContent"]!["status"]!.GetValue<string>());
        Assert.Equal(executionId, ended["structuredContent"]!["execution_id"]!.GetValue<string>());
        Assert.Equal(taskId, ended["_meta"]!["io.modelcontextprotocol/related-task"]!["taskId"]!.GetValue<string>());
    }

    [Fact]
    public async Task TasksCancel_CancelsTheExecution_RecordedAsTheCallersDecision()
    {
        await using var server = await McpTestServer.StartAsync(Options("carol-client"));
        var task = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "gated" });
        var taskId = task.Str("taskId");
        var executionId = (await server.Engine.History.GetHandleAsync(taskId, CancellationToken.None))!.ExecutionId;
        await server.SettledAsync(executionId);

        await server.Client.TaskRequestAsync("tasks/cancel", taskId);
        var ended = await server.SettledAsync(executionId);
        var after = await server.Client.TaskRequestAsync("tasks/get", taskId);
        var again = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.TaskRequestAsync("tasks/cancel", taskId));

        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        Assert.Equal("cancelled", after.Str("status"));
        var audit = await server.Engine.History.GetAuditAsync(executionId, CancellationToken.None);
        Assert.Contains(audit, a => a.Actor == "mcp:carol-client" && a.Action.Contains("cancel", StringComparison.Ordinal));
        Assert.Equal(McpErrorCode.InvalidParams, again.ErrorCode);
        Assert.Contains("already cancelled", again.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("task-00000000000000000000000000000000")]
    [InlineData("not-a-task")]
    [InlineData("")]
    public async Task TasksGet_UnknownOrForgedId_IsInvalidParamsSayingWhatToDo(string taskId)
    {
        await using var server = await McpTestServer.StartAsync(Options());

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.TaskRequestAsync("tasks/get", taskId));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("tasks/list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksResult_ExecutionIdGivenAsTaskId_IsUnknown()
    {
        await using var server = await McpTestServer.StartAsync(Options());
        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 });

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.TaskRequestAsync("tasks/result", state.Str("execution_id")));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("unknown task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TasksList_ShowsTheCallersTasks()
    {
        await using var server = await McpTestServer.StartAsync(Options());
        var first = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "three-logs" });
        var second = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "gated" });

        var list = await server.Client.RequestAsync("tasks/list", null);

        var ids = list["tasks"]!.AsArray().Select(t => t!["taskId"]!.GetValue<string>()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Contains(first.Str("taskId"), ids);
        Assert.Contains(second.Str("taskId"), ids);
    }

    [Fact]
    public async Task ToolsCall_WithTaskOnAToolWithoutTaskSupport_IsInvalidParams()
    {
        await using var server = await McpTestServer.StartAsync(Options());

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.CallAsTaskAsync("list_playbooks", new { }));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("does not run as a task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsCall_WithTaskRefusedByTheTool_IsAnErrorAndRecordsNoTask()
    {
        await using var server = await McpTestServer.StartAsync(Options());

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "no-such-playbook" }));
        var list = await server.Client.RequestAsync("tasks/list", null);

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("no playbook 'no-such-playbook'", error.Message, StringComparison.Ordinal);
        Assert.Empty(list["tasks"]!.AsArray());
    }

    [Fact]
    public async Task ToolsList_MarksTheThreeToolsThatWait_AsOptionalTasks()
    {
        await using var server = await McpTestServer.StartAsync(Options());

        var list = await server.Client.RequestAsync(RequestMethods.ToolsList, null);

        var marked = list["tools"]!.AsArray().OfType<JsonObject>()
            .Where(t => t["execution"]?["taskSupport"]?.GetValue<string>() == "optional")
            .Select(t => t.Str("name"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["approve_step", "control_execution", "execute_playbook"], marked);
    }

    [Fact]
    public async Task TaskStatus_IsNotifiedWhenTheGateIsDecided()
    {
        await using var server = await McpTestServer.StartAsync(Options());
        await using var heard = HeardNotifications<JsonObject>.Listen(server.Client, "notifications/tasks/status");
        var task = await server.Client.CallAsTaskAsync("execute_playbook", new { playbook_id = "gated" });
        var taskId = task.Str("taskId");
        var executionId = (await server.Engine.History.GetHandleAsync(taskId, CancellationToken.None))!.ExecutionId;
        await server.SettledAsync(executionId);

        await server.CallOkAsync("approve_step", new { execution_id = executionId, step_id = "risky", decision = "approve" });
        var statuses = await heard.ReadUntilAsync(read => read.Any(n => n.Str("status") == "completed"));

        Assert.All(statuses, n => Assert.Equal(taskId, n.Str("taskId")));
        Assert.Equal("completed", statuses[^1].Str("status"));
    }
}
