using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary>Tool results that say what went wrong: a dry run that would fail, a finally call that failed, what a pause did.</summary>
public sealed class HonestResultsTests
{
    private const string NeedsASecret = """
        id: needs-a-secret
        name: Needs a secret
        version: 1.0.0
        steps:
          - id: call
            action: log
            with: { message: "calling with {{ secrets.NOT_SET_ANYWHERE }}" }
        finally:
          - id: notify
            action: shell
            with: { command: [sh, -c, "exit 3"] }
        """;

    [Fact]
    public async Task ExecutePlaybook_DryRunWithAnUnsetSecret_IsFailedAndSaysWhatWouldFail()
    {
        await using var server = await McpTestServer.StartAsync(Options(("needs-a-secret", NeedsASecret)));

        var result = await server.CallAsync("execute_playbook", new { playbook_id = "needs-a-secret", dry_run = true });
        var state = result.StructuredContent!.Value;

        Assert.Equal("failed", state.Str("status"));
        Assert.Contains("secrets.NOT_SET_ANYWHERE is not set: PLAYBOOK_SECRET_NOT_SET_ANYWHERE or the secrets file", state.GetProperty("error").Str("message"), StringComparison.Ordinal);
        Assert.Single(state.GetProperty("would_fail").EnumerateArray());
        Assert.Equal("notify", Assert.Single(state.GetProperty("finally").EnumerateArray()).Str("id"));
        Assert.Contains("a real run would fail: step 'call': secrets.NOT_SET_ANYWHERE is not set", ToolCalls.Text(result), StringComparison.Ordinal);
        Assert.DoesNotContain(state.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "execute_playbook");
    }

    [Fact]
    public async Task PlanPlaybook_OnlyAFinallyCallWouldFail_CompletesAndSaysTheRealRunWouldStillComplete()
    {
        const string FinallyNeedsASecret = """
            id: finally-needs-a-secret
            name: Finally needs a secret
            version: 1.0.0
            steps:
              - id: call
                action: log
                with: { message: calling }
            finally:
              - id: notify
                action: log
                with: { message: "paging {{ secrets.NOT_SET_ANYWHERE }}" }
            """;
        await using var server = await McpTestServer.StartAsync(Options(("finally-needs-a-secret", FinallyNeedsASecret)));

        var result = await server.CallAsync("plan_playbook", new { playbook_id = "finally-needs-a-secret" });
        var state = result.StructuredContent!.Value;

        Assert.Equal("completed", state.Str("status"));
        Assert.False(state.TryGetProperty("error", out _));
        Assert.Equal("finally 'notify': secrets.NOT_SET_ANYWHERE is not set: PLAYBOOK_SECRET_NOT_SET_ANYWHERE or the secrets file", Assert.Single(state.GetProperty("would_fail").EnumerateArray()).GetString());
        Assert.Contains("a real run would complete, but a finally call would fail: finally 'notify': secrets.NOT_SET_ANYWHERE is not set", ToolCalls.Text(result), StringComparison.Ordinal);
        Assert.Contains(state.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "execute_playbook");
    }

    [Fact]
    public async Task ExecutePlaybook_FinallyCallFails_CompletedWithTheFailureInFinallyAndTheSummary()
    {
        await using var server = await McpTestServer.StartAsync(Options(("finally-fails", NeedsASecret.Replace("{{ secrets.NOT_SET_ANYWHERE }}", "nothing", StringComparison.Ordinal).Replace("id: needs-a-secret", "id: finally-fails", StringComparison.Ordinal))));

        var result = await server.CallAsync("execute_playbook", new { playbook_id = "finally-fails", wait_seconds = 30 });
        var state = result.StructuredContent!.Value;

        Assert.Equal("completed", state.Str("status"));
        var notify = Assert.Single(state.GetProperty("finally").EnumerateArray());
        Assert.Equal("failed", notify.Str("status"));
        Assert.Contains("exited with code 3", notify.GetProperty("error").Str("message"), StringComparison.Ordinal);
        Assert.Contains("finally 'notify' failed (see finally)", ToolCalls.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlExecution_PauseAtAGate_ReturnsANoteSayingItIsPaused()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)));
        var parked = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        var paused = await server.CallOkAsync("control_execution", new { execution_id = parked.Str("execution_id"), action = "pause" });

        Assert.Equal("waiting_approval", parked.Str("status"));
        Assert.Equal("paused", paused.Str("status"));
        Assert.StartsWith("paused: no new step starts", paused.Str("note"), StringComparison.Ordinal);
    }
}
