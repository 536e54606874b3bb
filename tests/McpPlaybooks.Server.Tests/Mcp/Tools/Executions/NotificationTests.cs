using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

// MCP log messages are deprecated from protocol 2026-07-28; the server pins 2025-11-25, where they are current.
#pragma warning disable MCP9005

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary>What a waiting call streams: progress per step transition, execution log lines as MCP log messages.</summary>
public sealed class NotificationTests
{
    [Fact]
    public async Task ExecutePlaybook_WithProgressToken_SendsOneProgressPerStepTransition()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));
        // The client's own progress callback (CallToolAsync's IProgress) stops listening once the answer is in, and the
        // client may hand notifications over after that: this test listens to the session for the token instead.
        await using var progress = HeardNotifications<ProgressNotificationParams>.Listen(server.Client, NotificationMethods.ProgressNotification);
        var result = await server.Client.CallToolAsync(new CallToolRequestParams
        {
            Name = "execute_playbook",
            Arguments = new Dictionary<string, JsonElement>
            {
                ["playbook_id"] = JsonSerializer.SerializeToElement("echo"),
                ["wait_seconds"] = JsonSerializer.SerializeToElement(30),
            },
            Meta = new JsonObject { ["progressToken"] = "p-echo" },
        });
        var heard = await progress.TakeAsync(3); // the client may hand them over in any order: the server numbers them
        await server.Client.PingAsync();

        Assert.Equal("completed", result.StructuredContent!.Value.Str("status"));
        Assert.All(heard, p => Assert.Equal("p-echo", p.ProgressToken.ToString()));
        Assert.Equal(
            ["0.5/2 step 'say' running (0 of 2 steps done)", "1/2 step 'say' completed (1 of 2 steps done)", "2/2 step 'after' completed (2 of 2 steps done)"],
            heard.Select(p => p.Progress).OrderBy(p => p.Progress).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Progress}/{p.Total} {p.Message}")).ToArray());
        Assert.Empty(progress.Drain());
    }

    [Fact]
    public async Task ExecutePlaybook_ProgressThroughTheClientsCallback_ArrivesForAStepTransition()
    {
        await using var server = await McpTestServer.StartAsync(Options(("hold", Hold)));
        var flag = Path.Combine(server.Root, "go");
        var progress = new HeardNotifications<ProgressNotificationValue>();

        var call = server.CallOkAsync("execute_playbook", new { playbook_id = "hold", inputs = new { flag }, wait_seconds = 30 }, progress);
        var first = await progress.TakeAsync(1); // heard while the call still waits, so the client's callback is listening
        await File.WriteAllTextAsync(flag, "");
        var state = await call;

        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("step 'hold' running (0 of 2 steps done)", Assert.Single(first).Message);
        Assert.Equal(0.5f, first[0].Progress);
        Assert.Equal(2f, first[0].Total);
    }

    [Fact]
    public async Task ExecutePlaybook_LevelSetToWarning_SendsLogLinesAtOrAboveItOnly()
    {
        await using var server = await McpTestServer.StartAsync(Options(("three-logs", ThreeLogs)));
        await using var messages = HeardNotifications<LoggingMessageNotificationParams>.Listen(server.Client, NotificationMethods.LoggingMessageNotification);

        var silent = await server.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", wait_seconds = 30 });
        await server.Client.SetLoggingLevelAsync(LoggingLevel.Warning);
        var heard = await server.CallOkAsync("execute_playbook", new { playbook_id = "three-logs", idempotency_key = "second", wait_seconds = 30 });
        var received = await messages.TakeAsync(2); // the client may hand them over in any order
        await server.Client.PingAsync();

        Assert.Equal("completed", heard.Str("status"));
        Assert.All(received, m => Assert.Equal("execution/" + heard.Str("execution_id"), m.Logger));
        Assert.Equal(
            ["Warning b warning line", "Error c error line"],
            received.OrderBy(m => m.Level).Select(m => $"{m.Level} {m.Data.Str("step_id")} {m.Data.Str("message")}").ToArray());
        Assert.Empty(messages.Drain());
        Assert.NotEqual(silent.Str("execution_id"), heard.Str("execution_id"));
    }

    [Fact]
    public async Task ExecutePlaybook_RequestCancelled_StopsTheWaitButTheExecutionFinishes()
    {
        await using var server = await McpTestServer.StartAsync(Options(("hold", Hold)));
        var flag = Path.Combine(server.Root, "go");
        var progress = new ConcurrentQueue<string>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = server.Client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            progress.Enqueue(notification.Params!.ToJsonString());
            first.TrySetResult();
            return ValueTask.CompletedTask;
        });
        var requestId = new RequestId("cancel-me");
        var request = new JsonRpcRequest
        {
            Id = requestId,
            Method = RequestMethods.ToolsCall,
            Params = JsonSerializer.SerializeToNode(new
            {
                name = "execute_playbook",
                arguments = new { playbook_id = "hold", idempotency_key = "held", inputs = new { flag }, wait_seconds = 600 },
                _meta = new { progressToken = "p-1" },
            }),
        };

        using var abandon = new CancellationTokenSource();
        var call = server.Client.SendRequestAsync(request, abandon.Token);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the step started: the call waits on it
        await server.Client.SendNotificationAsync(NotificationMethods.CancelledNotification, new CancelledNotificationParams { RequestId = requestId });
        await server.Client.PingAsync(); // the server has read the cancellation
        var heardBefore = progress.Count;
        await File.WriteAllTextAsync(flag, "");
        var record = await server.Engine.History.FindExecutionByIdempotencyKeyAsync("held", CancellationToken.None);
        var ended = await server.SettledAsync(record!.Id);
        await server.Client.PingAsync();
        await abandon.CancelAsync();

        Assert.Equal(Engine.Execution.ExecutionStatus.Completed, ended.Status);
        Assert.Equal(1, heardBefore);
        Assert.Equal(heardBefore, progress.Count);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
