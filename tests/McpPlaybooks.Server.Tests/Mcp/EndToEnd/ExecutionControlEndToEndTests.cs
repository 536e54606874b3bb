using System.Text.Json;
using McpPlaybooks.Server.Tests.Mcp.Resources;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>Following and steering executions of the built server over stdio: log pages, pause and resume, cancel.</summary>
public sealed class ExecutionControlEndToEndTests(StdioServerFixture shared) : IClassFixture<StdioServerFixture>
{
    private McpClient Client => shared.Server.Client;

    [Fact]
    public async Task GetExecutionLogs_LimitThreeFollowingNextCursor_ThreePagesWithEveryLineOnce()
    {
        var id = (await Client.CallOkAsync("execute_playbook", new { playbook_id = "seven", wait_seconds = 30 })).Str("execution_id");

        var first = await Client.CallOkAsync("get_execution_logs", new { execution_id = id, limit = 3 });
        var second = await Client.CallOkAsync("get_execution_logs", new { execution_id = id, limit = 3, cursor = first.Str("next_cursor") });
        var third = await Client.CallOkAsync("get_execution_logs", new { execution_id = id, limit = 3, cursor = second.Str("next_cursor") });

        Assert.Equal(["l1 info line 1", "l2 warning line 2", "l3 info line 3"], Lines(first));
        Assert.Equal(["l4 debug line 4", "l5 error line 5", "l6 info line 6"], Lines(second));
        Assert.Equal(["l7 info line 7"], Lines(third));
        Assert.False(third.TryGetProperty("next_cursor", out _), "the last page has no next_cursor");
    }

    [Fact]
    public async Task ControlExecution_PauseWhileAStepRunsThenSignalAndResume_PausesAfterTheStepThenCompletes()
    {
        var id = await StartListeningAsync("to-pause");

        var pausing = await Client.CallOkAsync("control_execution", new { execution_id = id, action = "pause" });
        var paused = await Client.CallOkAsync("control_execution", new { execution_id = id, action = "signal", signal_type = "go", payload = new { word = "yes" }, wait_seconds = 30 });
        var resumed = await Client.CallOkAsync("control_execution", new { execution_id = id, action = "resume", wait_seconds = 30 });

        Assert.Equal("running", pausing.Str("status"));
        Assert.Equal("hear:running after:pending", pausing.Steps());
        Assert.StartsWith("pause requested", pausing.Str("note"), StringComparison.Ordinal);
        Assert.Equal("paused", paused.Str("status"));
        Assert.Equal("hear:completed after:pending", paused.Steps());
        Assert.Contains(paused.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "control_execution" && a.GetProperty("arguments").Str("action") == "resume");
        Assert.Equal("completed", resumed.Str("status"));
        Assert.Equal("hear:completed after:completed", resumed.Steps());
        Assert.Equal("yes", resumed.GetProperty("outputs").Str("word"));
    }

    [Fact]
    public async Task ControlExecution_CancelWhileAStepRuns_EndsCancelled()
    {
        var id = await StartListeningAsync("to-cancel");

        var state = await Client.CallOkAsync("control_execution", new { execution_id = id, action = "cancel", comment = "not needed", wait_seconds = 30 });
        var read = await Client.CallOkAsync("get_execution", new { execution_id = id });

        Assert.Equal("cancelled", state.Str("status"));
        Assert.Equal("hear:cancelled after:not_run", state.Steps());
        Assert.Equal("cancelled", read.Str("status"));
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("ended_at").ValueKind);
    }

    /// <summary>
    /// Starts <c>listen</c> and returns once its event step is running (it then runs until signalled): subscribed to the
    /// execution's resource, it reads the state again on each update until the step is running, without sleeping.
    /// </summary>
    private async Task<string> StartListeningAsync(string idempotencyKey)
    {
        var id = (await Client.CallOkAsync("execute_playbook", new { playbook_id = "listen", idempotency_key = idempotencyKey })).Str("execution_id");
        var uri = $"execution://{id}";
        await using var recorder = new NotificationRecorder(Client);
        await Client.SubscribeToResourceAsync(uri);
        while (await ReadStepStatusAsync(uri, "hear") != "running")
        {
            await recorder.WaitForAsync(NotificationRecorder.Updated(uri));
        }

        await Client.UnsubscribeFromResourceAsync(uri);
        return id;
    }

    private async Task<string?> ReadStepStatusAsync(string uri, string stepId)
    {
        var contents = Assert.IsType<TextResourceContents>(Assert.Single((await Client.ReadResourceAsync(uri)).Contents));
        using var state = JsonDocument.Parse(contents.Text);
        return state.RootElement.Step(stepId).Str("status");
    }

    /// <summary>Each entry as "step level message".</summary>
    private static string[] Lines(JsonElement page) =>
        [.. page.GetProperty("entries").EnumerateArray().Select(e => $"{e.Str("step_id")} {e.Str("level")} {e.Str("message")}")];
}
