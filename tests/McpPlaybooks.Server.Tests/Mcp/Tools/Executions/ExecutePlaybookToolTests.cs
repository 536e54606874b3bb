using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

public sealed class ExecutePlaybookToolTests
{
    [Fact]
    public async Task ExecutePlaybook_DryRun_ReturnsPlansAndWritesNoAttempt()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var result = await server.CallAsync("execute_playbook", new { playbook_id = "echo", dry_run = true, inputs = new { text = "hi" } });
        var state = result.StructuredContent!.Value;

        Assert.Equal("completed", state.Str("status"));
        Assert.Contains("is completed: 2 of 2 steps would run (see each step's plan)", ToolCalls.Text(result), StringComparison.Ordinal);
        Assert.True(state.GetProperty("dry_run").GetBoolean());
        var plan = state.Step("say").GetProperty("plan");
        Assert.Equal("shell", plan.Str("action"));
        Assert.Contains("/bin/echo", plan.GetProperty("arguments").GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await server.Engine.History.GetAttemptsAsync(state.Str("execution_id"), CancellationToken.None));
        var next = Assert.Single(state.GetProperty("next_actions").EnumerateArray());
        Assert.Equal("execute_playbook", next.Str("tool"));
    }

    [Fact]
    public async Task ExecutePlaybook_WaitSeconds_ReturnsTheCompletedState()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", inputs = new { text = "hi there" }, wait_seconds = 30 });

        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("say:completed after:completed", state.Steps());
        Assert.Equal("hi there", state.Step("say").GetProperty("output").Str("stdout"));
        var attempts = await server.Engine.History.GetAttemptsAsync(state.Str("execution_id"), CancellationToken.None);
        Assert.Single(attempts, a => a.StepId == "say");
    }

    [Fact]
    public async Task ExecutePlaybook_WaitZero_ReturnsRunningAndGetExecutionFollowsIt()
    {
        await using var server = await McpTestServer.StartAsync(Options(("hold", Hold)));
        var flag = Path.Combine(server.Root, "go");

        var started = await server.CallOkAsync("execute_playbook", new { playbook_id = "hold", inputs = new { flag } });
        var id = started.Str("execution_id");
        var running = await server.CallOkAsync("get_execution", new { execution_id = id });
        await File.WriteAllTextAsync(flag, "");
        await server.SettledAsync(id);
        var ended = await server.CallOkAsync("get_execution", new { execution_id = id });

        Assert.Equal("running", started.Str("status"));
        Assert.Equal("running", running.Str("status"));
        Assert.Contains(running.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "get_execution");
        Assert.Equal("completed", ended.Str("status"));
        Assert.Equal("hold:completed after:completed", ended.Steps());
    }

    [Fact]
    public async Task ExecutePlaybook_GateWithoutElicitation_ReturnsWaitingApprovalWithTheApproveStepCall()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)) with { AcceptAssistantApprovals = true });

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });

        var id = state.Str("execution_id");
        Assert.Equal("waiting_approval", state.Str("status"));
        var gate = Assert.Single(state.GetProperty("pending_approvals").EnumerateArray());
        Assert.Equal("risky", gate.Str("step_id"));
        Assert.Equal("Restart the service?", gate.Str("message"));
        var approve = state.GetProperty("next_actions").EnumerateArray().First(a => a.Str("tool") == "approve_step");
        Assert.Equal(id, approve.GetProperty("arguments").Str("execution_id"));
        Assert.Equal("risky", approve.GetProperty("arguments").Str("step_id"));
        Assert.Equal("approve", approve.GetProperty("arguments").Str("decision"));
        Assert.Contains($"call approve_step with execution_id={id}, step_id=risky, decision=approve once the user agrees", state.Str("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutePlaybook_SameIdempotencyKey_ReturnsTheSameExecutionWithANote()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var first = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", idempotency_key = "k-1", wait_seconds = 30 });
        var second = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", idempotency_key = "k-1", wait_seconds = 30 });

        Assert.Equal(first.Str("execution_id"), second.Str("execution_id"));
        Assert.False(first.TryGetProperty("note", out _));
        Assert.Contains("idempotency key 'k-1' already started execution " + first.Str("execution_id"), second.Str("note"), StringComparison.Ordinal);
        var page = await server.Engine.History.ListExecutionsAsync(new Engine.History.ExecutionQuery(), CancellationToken.None);
        Assert.Single(page.Executions);
    }

    [Fact]
    public async Task ExecutePlaybook_DryRunWithAnIdempotencyKey_LeavesTheKeyToTheRealRun()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var dry = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", dry_run = true, idempotency_key = "k-2", wait_seconds = 30 });
        var real = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", idempotency_key = "k-2", wait_seconds = 30 });

        Assert.Equal("a dry run does not take an idempotency key: 'k-2' is still free, and the first real run with it starts an execution of its own.", dry.Str("note"));
        Assert.NotEqual(dry.Str("execution_id"), real.Str("execution_id"));
        Assert.Equal(("completed", false), (real.Str("status"), real.GetProperty("dry_run").GetBoolean()));
        Assert.False(real.TryGetProperty("note", out _));
    }

    [Fact]
    public async Task ExecutePlaybook_SameIdempotencyKeyOtherInputs_IsErrorNamingWhatDiffersAndStartsNothing()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));
        await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", idempotency_key = "k-1", inputs = new { text = "one" }, wait_seconds = 30 });

        var error = await server.CallErrorAsync("execute_playbook", new { playbook_id = "echo", idempotency_key = "k-1", inputs = new { text = "two" }, wait_seconds = 30 });

        Assert.Contains("k-1", error, StringComparison.Ordinal);
        Assert.Contains("text", error, StringComparison.Ordinal);
        var page = await server.Engine.History.ListExecutionsAsync(new Engine.History.ExecutionQuery(), CancellationToken.None);
        Assert.Single(page.Executions);
    }

    [Fact]
    public async Task ExecutePlaybook_UnknownPlaybook_IsErrorWithDidYouMeanAndListPlaybooks()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var error = await server.CallErrorAsync("execute_playbook", new { playbook_id = "ecko" });

        Assert.Equal("no playbook 'ecko' in the catalogue; did you mean 'echo'?; call list_playbooks to see the playbooks there are.", error);
    }

    [Fact]
    public async Task ExecutePlaybook_UnknownVersion_IsErrorNamingTheVersionsThereAre()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var error = await server.CallErrorAsync("execute_playbook", new { playbook_id = "echo", version = "9.9.9" });

        Assert.StartsWith("playbook 'echo' has no version '9.9.9'; it has 1.0.0.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutePlaybook_InvalidInputs_IsErrorNamingTheInputAndStartsNothing()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var error = await server.CallErrorAsync("execute_playbook", new { playbook_id = "echo", inputs = new { text = 42, txt = "x" } });

        Assert.StartsWith("the inputs do not fit the playbook:", error, StringComparison.Ordinal);
        Assert.Contains("text", error, StringComparison.Ordinal);
        Assert.Contains("txt", error, StringComparison.Ordinal);
        Assert.Contains("get_playbook", error, StringComparison.Ordinal);
        var page = await server.Engine.History.ListExecutionsAsync(new Engine.History.ExecutionQuery(), CancellationToken.None);
        Assert.Empty(page.Executions);
    }

    [Fact]
    public async Task ExecutePlaybook_WrongTypesAndRange_IsErrorNamingEachArgument()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var error = await server.CallErrorAsync("execute_playbook", new { playbook_id = "echo", inputs = "text=hi", dry_run = "yes", wait_seconds = 901 });

        Assert.Contains("'inputs' must be a JSON object", error, StringComparison.Ordinal);
        Assert.Contains("'dry_run' must be true or false", error, StringComparison.Ordinal);
        Assert.Contains("'wait_seconds' must be a whole number from 0 to 900, got 901", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetExecution_UnknownIdAndMissingId_AreErrorsWithGuidance()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var unknown = await server.CallErrorAsync("get_execution", new { execution_id = "ex-nope" });
        var missing = await server.CallErrorAsync("get_execution", new { executionid = "ex-nope" });

        Assert.Equal("no execution 'ex-nope'; call list_executions to see the recent ones.", unknown);
        Assert.Contains("unknown argument 'executionid': did you mean 'execution_id'?", missing, StringComparison.Ordinal);
        Assert.Contains("'execution_id' is required", missing, StringComparison.Ordinal);
    }
}
