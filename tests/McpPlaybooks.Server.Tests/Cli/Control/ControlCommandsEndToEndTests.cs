using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Cli.Control;

/// <summary>
/// <c>approve</c>, <c>control</c> and <c>resume</c> through the built executable, on an execution a <c>run</c> left parked
/// at its gate in a temporary data directory; and a <c>run</c> a guardrail refuses.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class ControlCommandsEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string Data => Path.Combine(_directory.Path, "data");

    private string Target => Path.Combine(_directory.Path, "created");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Approve_AsAnApproverWithWait_RunsTheGatedStepAndExitsZeroCompleted()
    {
        var id = await ParkAtGateAsync();

        var result = await Cli("approve", id, "touch", "--as", "oncall", "--comment", "looks fine", "--wait", "60", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Target));
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        var touch = json.RootElement.GetProperty("steps").EnumerateArray().Single(step => step.GetProperty("id").GetString() == "touch");
        Assert.Equal("completed", touch.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approve_WithoutWait_StillRunsTheStepBeforeExiting()
    {
        var id = await ParkAtGateAsync();

        var result = await Cli("approve", id, "touch", "--as", "oncall");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"approved step 'touch' of execution {id} as cli:{Environment.UserName} (oncall)", result.OutLines[0], StringComparison.Ordinal);

        // The process took the execution over to decide, so it drove it to its end before exiting, and showed that end, not
        // the gate as the decision left it ("waits for approval … 1 of 1 approvals", then silence while the step ran).
        Assert.True(File.Exists(Target));
        Assert.Contains(result.OutLines, line => line.StartsWith("completed in ", StringComparison.Ordinal));
        Assert.DoesNotContain("waits for approval", result.Out, StringComparison.Ordinal);
        var history = await Cli("history", "--json");
        using var json = JsonDocument.Parse(history.Out);
        Assert.Equal("completed", json.RootElement[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approve_NotAnApprover_ExitsTwoWithTheReasonAndChangesNothing()
    {
        var id = await ParkAtGateAsync();

        var result = await CliMappedTo("mallory", "approve", id, "touch", "--as", "mallory", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains($"cli:{Environment.UserName} is not an approver of the gate of step 'touch': it accepts oncall", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
        var again = await Cli("approve", id, "touch", "--as", "oncall", "--wait", "60", "--json");
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public async Task Approve_UnknownExecution_ExitsTwo()
    {
        await ParkAtGateAsync();

        var result = await Cli("approve", "ex-nope", "touch", "--as", "oncall");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no execution 'ex-nope'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlCancel_ParkedAtGate_CancelsWithoutRunningTheStep()
    {
        var id = await ParkAtGateAsync();

        var result = await Cli("control", id, "cancel", "--comment", "not today", "--wait", "60", "--json");

        Assert.Equal(1, result.ExitCode); // it ended cancelled
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("cancelled", json.RootElement.GetProperty("status").GetString());
        Assert.False(File.Exists(Target));
        var approve = await Cli("approve", id, "touch", "--as", "oncall");
        Assert.Equal(2, approve.ExitCode);
    }

    [Fact]
    public async Task Approve_StartGateWithWait_LeavesNoLeaseSoTheNextApproveWaitsForNoOne()
    {
        _directory.Write("start-gated.yaml", ControlPlaybooks.StartGated);
        var run = await Cli("run", "start-gated.yaml", "--json");
        Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}: {run.Error}");
        using var parked = JsonDocument.Parse(run.Out);
        var id = parked.RootElement.GetProperty("execution_id").GetString()!;

        var start = await Cli("approve", id, "_start", "--as", "oncall", "--wait", "30", "--json");

        Assert.Equal(3, start.ExitCode);
        using (var json = JsonDocument.Parse(start.Out))
        {
            Assert.Equal("waiting_approval", json.RootElement.GetProperty("status").GetString());
        }

        // Before the fix the approving process kept re-driving the run (the start gate looked decided and unacted on
        // forever), so it exited still holding its lease, and the next approve waited some 15 s for it to expire.
        var second = await Cli("approve", id, "second", "--as", "oncall", "--wait", "30", "--json");

        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("still leased by a process that is gone", second.Error, StringComparison.Ordinal);
        using var done = JsonDocument.Parse(second.Out);
        Assert.Equal("completed", done.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Resume_NothingUnfinished_ExitsZeroAndSaysSo()
    {
        var json = await Cli("resume", "--json");
        var human = await Cli("resume");

        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(0, document.RootElement.GetProperty("resumed").GetArrayLength());
        Assert.Equal(0, document.RootElement.GetProperty("held").GetArrayLength());
        Assert.Equal(0, human.ExitCode);
        Assert.Equal(["nothing to resume: no unfinished execution is without a live process"], human.OutLines);
    }

    [Fact]
    public async Task Resume_ExecutionParkedAtGate_TakesItOverAndExitsThreeStillWaiting()
    {
        var id = await ParkAtGateAsync();

        var result = await Cli("resume", "--json");

        Assert.Equal(3, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var resumed = Assert.Single(json.RootElement.GetProperty("resumed").EnumerateArray());
        Assert.Equal(id, resumed.GetProperty("execution_id").GetString());
        Assert.Equal("waiting_approval", resumed.GetProperty("state").GetProperty("status").GetString());
        Assert.Equal(0, resumed.GetProperty("interrupted").GetArrayLength());
    }

    [Fact]
    public async Task Run_RefusedByGuardrail_ExitsTwoNamingTheRule()
    {
        _directory.Write("careful.yaml", ControlPlaybooks.DryRunFirst);

        var result = await Cli("run", "careful.yaml", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains("dry_run_first", result.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'mcp-playbooks run careful --dry-run' with the same playbook version and inputs first", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("execute_playbook", result.Error, StringComparison.Ordinal);
        var dryRun = await Cli("run", "careful.yaml", "--dry-run", "--json");
        Assert.Equal(0, dryRun.ExitCode);
        var real = await Cli("run", "careful.yaml", "--json");
        Assert.Equal(0, real.ExitCode);
    }

    [Fact]
    public async Task Run_AnotherExecutionLeftRunningByAKilledProcess_ResumesItWaitsForItAndSaysSo_ButADryRunLeavesIt()
    {
        _directory.Write("hold.yaml", ControlPlaybooks.HoldOnce);
        _directory.Write("gated.yaml", ControlPlaybooks.GatedTouch);

        var fifo = Path.Combine(_directory.Path, "started");
        using (var mkfifo = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        // The step writes into the FIFO once it runs: reading it is the signal to kill. A lease of 50 ms: the killed
        // process's claim has lapsed by the time the next process starts.
        var started = Task.Run(() => File.ReadAllText(fifo));
        using (var held = RunningCliProcess.Start(
            ["run", "hold.yaml", "--input", $"dir={_directory.Path}", "--data-dir", Data],
            _directory.Path,
            new Dictionary<string, string> { ["MCPPLAYBOOKS_TEST_LEASE_MS"] = "50" }))
        {
            Assert.Equal(137, await held.KillWhenAsync(started));
        }

        // A dry run touches nothing, not even the execution the killed process left: the real run below still finds it.
        var dry = await Cli("run", "gated.yaml", "--input", $"path={Target}", "--dry-run");
        var result = await Cli("run", "gated.yaml", "--input", $"path={Target}", "--json");

        Assert.Equal(0, dry.ExitCode);
        Assert.DoesNotContain(dry.ErrorLines, line => line.StartsWith("resumed execution ", StringComparison.Ordinal));
        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines, line => line.StartsWith("resumed execution ", StringComparison.Ordinal));
        Assert.Contains("(hold-once 1.0.0), left unfinished by a process that stopped; re-ran hold: now completed", line, StringComparison.Ordinal);
        var history = await Cli("history", "--json");
        using var json = JsonDocument.Parse(history.Out);
        Assert.Contains(json.RootElement.EnumerateArray(), row => row.GetProperty("playbook_id").GetString() == "hold-once" && row.GetProperty("status").GetString() == "completed");
    }

    /// <summary>Runs the gated playbook to its gate (exit 3) and returns the execution id.</summary>
    private async Task<string> ParkAtGateAsync()
    {
        _directory.Write("gated.yaml", ControlPlaybooks.GatedTouch);
        var run = await Cli("run", "gated.yaml", "--input", $"path={Target}", "--json");
        Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}: {run.Error}");
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("execution_id").GetString()!;
    }

    [Fact]
    public async Task Approve_AsANameTheOsUserIsNotMappedTo_ExitsTwoAndRecordsNothing()
    {
        var id = await ParkAtGateAsync();

        var unmapped = await CliProcess.RunAsync(["approve", id, "touch", "--as", "oncall", "--data-dir", Data], _directory.Path);
        var other = await CliMappedTo("alice", "approve", id, "touch", "--as", "oncall");

        Assert.Equal(2, unmapped.ExitCode);
        Assert.Contains($"--as oncall: the OS user {Environment.UserName} is not mapped to a name", unmapped.Error, StringComparison.Ordinal);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains($"--as oncall: the OS user {Environment.UserName} is mapped to alice, not oncall", other.Error, StringComparison.Ordinal);
        var show = await Cli("show", id, "--json");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("\"waiting_approval\"", show.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public async Task Approve_AnUnmappedUserOnAGateNamingARole_IsRefusedAsCliUser()
    {
        var id = await ParkAtGateAsync();

        var result = await CliProcess.RunAsync(["approve", id, "touch", "--data-dir", Data], _directory.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"cli:{Environment.UserName} is not an approver", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
    }

    /// <summary>A command as the OS user the server maps to oncall (the gate's approver role's name).</summary>
    private Task<CliResult> Cli(params string[] args) => CliMappedTo("oncall", args);

    private Task<CliResult> CliMappedTo(string name, params string[] args) =>
        CliProcess.RunAsync([.. args, "--data-dir", Data], _directory.Path,
            new Dictionary<string, string> { ["MCPPLAYBOOKS_APPROVAL_USERS"] = $"{Environment.UserName}={name}" });
}
