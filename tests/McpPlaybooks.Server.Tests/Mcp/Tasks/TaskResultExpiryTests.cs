using System.Security.Cryptography;
using McpPlaybooks.Engine.History.Records;
using ModelContextProtocol;
using static McpPlaybooks.Server.Tests.Mcp.Tasks.TaskTestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>tasks/result waits until the execution ends, but not past the task's ttl: an expired task is unknown, to tasks/result as to tasks/get.</summary>
public sealed class TaskResultExpiryTests
{
    [Fact]
    public async Task TasksResult_TaskExpiresWhileItWaits_EndsAsUnknown()
    {
        await using var server = await McpTestServer.StartAsync(Options());
        var started = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated" });
        var executionId = started.Str("execution_id");
        await server.SettledAsync(executionId);

        // A task of the shortest ttl (10 s), created 9 s ago: it expires while tasks/result waits at the gate.
        var taskId = "task-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await server.Engine.History.SaveHandleAsync(new ExecutionHandleRecord
        {
            Id = taskId,
            ExecutionId = executionId,
            Origin = "execute_playbook",
            CreatedAt = TimeProvider.System.GetUtcNow() - TimeSpan.FromSeconds(9),
            Ttl = TimeSpan.FromSeconds(10),
            PollInterval = TimeSpan.FromSeconds(2),
        });

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.TaskRequestAsync("tasks/result", taskId).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
        Assert.Contains("unknown task", refused.Message, StringComparison.Ordinal);
        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
    }
}
