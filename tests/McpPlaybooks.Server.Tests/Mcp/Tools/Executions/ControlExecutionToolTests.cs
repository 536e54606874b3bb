using System.Globalization;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

public sealed class ControlExecutionToolTests
{
    /// <summary>As <see cref="TestPlaybooks.Hold"/>, its process first writing its pid into the file <c>inputs.pid_file</c>.</summary>
    private const string HoldWithPid = """
        id: hold-pid
        name: Hold with pid
        version: 1.0.0
        inputs:
          pid_file: { type: string }
          flag: { type: string }
        steps:
          - id: hold
            action: shell
            with: { command: [/bin/sh, -c, 'echo $$ > "$0"; until [ -e "$1" ]; do sleep 0.02; done', "{{ inputs.pid_file }}", "{{ inputs.flag }}"] }
            timeout: 30s
            rollback: []
          - id: after
            needs: [hold]
            action: log
            with: { message: after }
        """;

    [Fact]
    public async Task ControlExecution_PauseThenResume_ParksAfterTheRunningStepThenCompletes()
    {
        await using var server = await McpTestServer.StartAsync(Options(("hold", Hold)));
        var flag = Path.Combine(server.Root, "go");
        var holding = new StepRunning("hold");
        using var observation = server.Engine.Observe(null, holding);
        var started = await server.CallOkAsync("execute_playbook", new { playbook_id = "hold", inputs = new { flag } });
        var id = started.Str("execution_id");
        await holding.Started.WaitAsync(TimeSpan.FromSeconds(30));

        var pausing = await server.CallOkAsync("control_execution", new { execution_id = id, action = "pause", comment = "look first" });
        await File.WriteAllTextAsync(flag, "");
        var paused = await server.SettledAsync(id);
        var resumed = await server.CallOkAsync("control_execution", new { execution_id = id, action = "resume", wait_seconds = 30 });

        Assert.Equal("running", pausing.Str("status"));
        Assert.Equal("hold:running after:pending", pausing.Steps());
        Assert.StartsWith("pause requested: no new step starts", pausing.Str("note"), StringComparison.Ordinal);
        Assert.Equal(Engine.Execution.ExecutionStatus.Paused, paused.Status);
        Assert.Equal(Engine.Execution.StepStatus.Completed, paused.Steps.Single(s => s.Id == "hold").Status);
        Assert.Equal(Engine.Execution.StepStatus.Pending, paused.Steps.Single(s => s.Id == "after").Status);
        Assert.Equal("completed", resumed.Str("status"));
        Assert.Equal("hold:completed after:completed", resumed.Steps());
    }

    [Fact]
    public async Task ControlExecution_Cancel_StopsTheRunningProcessAndEndsCancelled()
    {
        await using var server = await McpTestServer.StartAsync(Options(("hold-pid", HoldWithPid)));
        var pidFile = Path.Combine(server.Root, "hold.pid");
        var started = await server.CallOkAsync("execute_playbook", new { playbook_id = "hold-pid", inputs = new { pid_file = pidFile, flag = Path.Combine(server.Root, "never") } });

        // Cancel once the step's process runs: execute_playbook answers before its first step has started, and a step
        // cancelled before it started ends not_run (under load the cancel used to come first).
        var pid = int.Parse(await FileAppearance.WaitForLineAsync(pidFile, TimeSpan.FromSeconds(30)), CultureInfo.InvariantCulture);
        var state = await server.CallOkAsync("control_execution", new { execution_id = started.Str("execution_id"), action = "cancel", wait_seconds = 30 });

        Assert.Equal("cancelled", state.Str("status"));
        Assert.Equal("cancelled", state.Step("hold").Str("status"));
        Assert.NotEqual("completed", state.Step("after").Str("status"));
        Assert.True(ProcessProbe.IsGoneAfterReaping(pid), $"the step's process {pid} is still alive after the cancel");
    }

    [Fact]
    public async Task ControlExecution_RetryStepAfterAFailure_RunsItAgainAndCompletes()
    {
        await using var server = await McpTestServer.StartAsync(Options(("flaky", Flaky)));
        var flag = Path.Combine(server.Root, "ready");
        var failed = await server.CallOkAsync("execute_playbook", new { playbook_id = "flaky", inputs = new { flag }, wait_seconds = 30 });
        await File.WriteAllTextAsync(flag, "");

        var state = await server.CallOkAsync("control_execution", new { execution_id = failed.Str("execution_id"), action = "retry_step", step_id = "check", wait_seconds = 30 });

        Assert.Equal("failed", failed.Str("status"));
        Assert.Equal("check:failed after:not_run", failed.Steps());
        Assert.Contains(failed.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "control_execution" && a.GetProperty("arguments").Str("action") == "retry_step");
        Assert.Equal("completed", state.Str("status"));
        Assert.Equal("check:completed after:completed", state.Steps());
        var attempts = await server.Engine.History.GetAttemptsAsync(failed.Str("execution_id"), CancellationToken.None);
        Assert.Equal(2, attempts.Count(a => a.StepId == "check"));
    }

    [Fact]
    public async Task ControlExecution_Replay_StartsANewExecutionLinkedToTheOld()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));
        var first = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", inputs = new { text = "again" }, wait_seconds = 30 });
        var firstId = first.Str("execution_id");

        var replay = await server.CallOkAsync("control_execution", new { execution_id = firstId, action = "replay", wait_seconds = 30 });

        var replayId = replay.Str("execution_id");
        Assert.NotEqual(firstId, replayId);
        Assert.Equal("completed", replay.Str("status"));
        Assert.Equal("again", replay.Step("say").GetProperty("output").Str("stdout"));
        Assert.Equal($"replay of {firstId}: this is the new execution {replayId} (same playbook version and inputs); {firstId} is unchanged.", replay.Str("note"));
        var record = await server.Engine.History.GetExecutionAsync(replayId, CancellationToken.None);
        Assert.Equal(firstId, record!.ReplayOf);
    }

    [Fact]
    public async Task ControlExecution_ReplayWithInputs_RunsTheSameVersionWithTheNewInputs()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));
        var first = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", inputs = new { text = "old" }, wait_seconds = 30 });

        var replay = await server.CallOkAsync("control_execution", new { execution_id = first.Str("execution_id"), action = "replay", inputs = new { text = "new" }, wait_seconds = 30 });

        Assert.Equal("completed", replay.Str("status"));
        Assert.Equal("new", replay.Step("say").GetProperty("output").Str("stdout"));
        Assert.Contains("with the inputs given", replay.Str("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlExecution_InvalidTransition_IsErrorNamingTheStateAndAllowedActions()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));
        var done = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", wait_seconds = 30 });
        var id = done.Str("execution_id");

        var error = await server.CallErrorAsync("control_execution", new { execution_id = id, action = "pause" });

        Assert.Equal($"refused: cannot pause execution {id}: it is completed. In that state the allowed actions are: rollback.", error);
    }

    [Fact]
    public async Task ControlExecution_RetryStepWithoutStepId_IsErrorNamingTheArgument()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var error = await server.CallErrorAsync("control_execution", new { execution_id = "ex-1", action = "retry_step" });

        Assert.StartsWith("action retry_step needs step_id:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlExecution_SignalWithoutSignalType_IsErrorNamingTheArgument()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var error = await server.CallErrorAsync("control_execution", new { execution_id = "ex-1", action = "signal" });

        Assert.StartsWith("action signal needs signal_type:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlExecution_ActionTypoAndWrongType_IsErrorWithDidYouMean()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var error = await server.CallErrorAsync("control_execution", new { execution_id = "ex-1", action = "pasue", wait_seconds = "10" });

        Assert.Contains("'action' must be one of pause, resume, cancel, rollback, retry_step, skip_step, signal, replay; got 'pasue' (did you mean 'pause'?)", error, StringComparison.Ordinal);
        Assert.Contains("'wait_seconds' must be a whole number from 0 to 900, got the string \"10\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlExecution_UnknownExecution_IsErrorWithDidYouMeanAmongRecentIds()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));
        var done = await server.CallOkAsync("execute_playbook", new { playbook_id = "echo", wait_seconds = 30 });
        var id = done.Str("execution_id");
        var typo = id[..^1] + (id[^1] == '0' ? '1' : '0');

        var error = await server.CallErrorAsync("control_execution", new { execution_id = typo, action = "cancel" });

        Assert.Equal($"no execution '{typo}'; did you mean '{id}'?; call list_executions to see the recent ones.", error);
    }
}
