using System.Text.Json;
using System.Text.RegularExpressions;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>
/// <c>run</c> through the built executable, with real processes and a real history in a temporary
/// data directory. These need the engine (issue #3): they fail while it is not there.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class RunEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_SetLogShellAsJson_CompletesAndPrintsOnlyTheState()
    {
        _directory.Write("greet.yaml", RunPlaybooks.SetLogShell);

        var result = await Run("greet.yaml", "--input", "name=Ada Lovelace", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Single(result.OutLines);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("execution_id").GetString()));
        Assert.Equal("greet-and-echo", root.GetProperty("playbook_id").GetString());
        Assert.Equal("1.0.0", root.GetProperty("playbook_version").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.False(root.GetProperty("dry_run").GetBoolean());
        Assert.Equal(0, root.GetProperty("pending_approvals").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("next_actions").ValueKind);
        var steps = root.GetProperty("steps").EnumerateArray().ToDictionary(step => step.GetProperty("id").GetString()!);
        Assert.Equal(["compose", "echo", "say"], steps.Keys.Order(StringComparer.Ordinal));
        foreach (var step in steps.Values)
        {
            Assert.Equal("completed", step.GetProperty("status").GetString());
            Assert.Equal(1, step.GetProperty("attempts").GetInt32());
            Assert.Equal(JsonValueKind.Null, step.GetProperty("error").ValueKind);
        }

        Assert.Equal("hello Ada Lovelace", steps["compose"].GetProperty("output").GetProperty("greeting").GetString());
        Assert.Equal(0, steps["echo"].GetProperty("output").GetProperty("exit_code").GetInt32());
        Assert.Equal("Ada Lovelace", steps["echo"].GetProperty("output").GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Run_SetLogShellForPeople_PrintsHeaderOneLinePerStepAndSummary()
    {
        _directory.Write("greet.yaml", RunPlaybooks.SetLogShell);

        var result = await Run("greet.yaml", "--input", "name=Ada");

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutLines;
        Assert.StartsWith("running greet-and-echo 1.0.0 (execution ", lines[0], StringComparison.Ordinal);
        foreach (var id in new[] { "compose", "say", "echo" })
        {
            Assert.Single(lines, line => Regex.IsMatch(line, $@"^  ok {{6}}{id}\b"));
        }

        Assert.Contains(lines, line => line.StartsWith("      [info] ", StringComparison.Ordinal) && line.EndsWith("hello Ada", StringComparison.Ordinal));
        Assert.StartsWith("completed in ", lines[^1], StringComparison.Ordinal);
        Assert.EndsWith("3 steps (3 completed)", lines[^1], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(line.All(char.IsAscii), line));
    }

    [Fact]
    public async Task Run_FailingShell_ExitsOneWithFailedStatusAndCategory()
    {
        _directory.Write("fails.yaml", RunPlaybooks.FailingShell);

        var result = await Run("fails.yaml", "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
        var step = Assert.Single(json.RootElement.GetProperty("steps").EnumerateArray());
        Assert.Equal("failed", step.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(step.GetProperty("error").GetProperty("category").GetString()));
        Assert.False(string.IsNullOrEmpty(step.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Run_FailingShellForPeople_PrintsFailedLineAndExitsOne()
    {
        _directory.Write("fails.yaml", RunPlaybooks.FailingShell);

        var result = await Run("fails.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.OutLines, line => line.StartsWith("  FAILED  fail  ", StringComparison.Ordinal));
        Assert.Single(result.OutLines, line => line.StartsWith("failed in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ApprovalGate_ExitsThreeWaitingWithPendingApproval()
    {
        _directory.Write("gated.yaml", RunPlaybooks.Gated);

        var result = await Run("gated.yaml", "--json");

        Assert.Equal(3, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("waiting_approval", json.RootElement.GetProperty("status").GetString());
        var approval = Assert.Single(json.RootElement.GetProperty("pending_approvals").EnumerateArray());
        Assert.Equal("second", approval.GetProperty("step_id").GetString());
        Assert.Equal("Go on?", approval.GetProperty("message").GetString());
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToDictionary(step => step.GetProperty("id").GetString()!, step => step.GetProperty("status").GetString());
        Assert.Equal("completed", steps["first"]);
        Assert.Equal("waiting_approval", steps["second"]);
    }

    [Fact]
    public async Task Run_ApprovalGateForPeople_SaysWhatToDo()
    {
        _directory.Write("gated.yaml", RunPlaybooks.Gated);

        var result = await Run("gated.yaml");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(result.OutLines, line => line.StartsWith("  waiting second", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, line => line.StartsWith("  step 'second' waits for approval: Go on? (approvers: oncall", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, line => line.Contains("--auto-approve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_AutoApproveByAnOsUserNotNamedByTheGate_ParksAtItSayingWhy()
    {
        _directory.Write("gated.yaml", RunPlaybooks.Gated);

        var result = await Run("gated.yaml", "--auto-approve", "--json");

        Assert.Equal(3, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("waiting_approval", json.RootElement.GetProperty("status").GetString());
        var logs = await CliProcess.RunAsync(["logs", json.RootElement.GetProperty("execution_id").GetString()!, "--data-dir", Path.Combine(_directory.Path, "data")], _directory.Path);
        Assert.Contains($"auto-approve cannot pass this gate: its approvers (oncall) do not name cli:{Environment.UserName}", logs.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ApprovalGateWithAutoApprove_ByTheOsUserMappedToTheApprover_Completes()
    {
        _directory.Write("gated.yaml", RunPlaybooks.Gated);

        var result = await CliProcess.RunAsync(
            ["run", "gated.yaml", "--auto-approve", "--json", "--data-dir", Path.Combine(_directory.Path, "data")],
            _directory.Path,
            new Dictionary<string, string> { ["MCPPLAYBOOKS_APPROVAL_USERS"] = $"{Environment.UserName}=oncall" });

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("pending_approvals").GetArrayLength());
        Assert.All(json.RootElement.GetProperty("steps").EnumerateArray(), step => Assert.Equal("completed", step.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Run_DryRun_ExitsZeroWithAPlanPerStepAndTouchesNothing()
    {
        _directory.Write("touch.yaml", RunPlaybooks.Touch);
        var target = Path.Combine(_directory.Path, "created-by-the-step");

        var result = await Run("touch.yaml", "--input", $"path={target}", "--dry-run", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(target));
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("dry_run").GetBoolean());
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(2, steps.Count);
        Assert.All(steps, step => Assert.True(step.GetProperty("plan").GetProperty("would_run").GetBoolean()));
        var touch = steps.Single(step => step.GetProperty("id").GetString() == "touch").GetProperty("plan");
        Assert.Equal("shell", touch.GetProperty("action").GetString());
        Assert.Contains(target, touch.GetProperty("arguments").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DryRunForPeople_PrintsEachStepsPlan()
    {
        _directory.Write("touch.yaml", RunPlaybooks.Touch);
        var target = Path.Combine(_directory.Path, "created-by-the-step");

        var result = await Run("touch.yaml", "--input", $"path={target}", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(target));
        Assert.StartsWith("dry run of touch-a-file 1.0.0 (execution ", result.OutLines[0], StringComparison.Ordinal);
        Assert.Single(result.OutLines, line => line.StartsWith("  would run announce", StringComparison.Ordinal));
        Assert.Single(result.OutLines, line => line.StartsWith("  would run touch", StringComparison.Ordinal));
        Assert.StartsWith("dry run completed in ", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ById_FindsPlaybookInLocalFolder()
    {
        _directory.Write("playbooks/anything.yaml", RunPlaybooks.SetLogShell);

        var result = await Run("greet-and-echo", "--input", "name=x", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("greet-and-echo", json.RootElement.GetProperty("playbook_id").GetString());
    }

    [Fact]
    public async Task History_AfterRun_ListsTheExecution()
    {
        _directory.Write("greet.yaml", RunPlaybooks.SetLogShell);
        var run = await Run("greet.yaml", "--input", "name=x", "--json");
        using var state = JsonDocument.Parse(run.Out);

        var result = await CliProcess.RunAsync(["history", "--data-dir", Path.Combine(_directory.Path, "data"), "--json"], _directory.Path);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(state.RootElement.GetProperty("execution_id").GetString(), row.GetProperty("execution_id").GetString());
        Assert.Equal("completed", row.GetProperty("status").GetString());
    }

    private Task<CliResult> Run(params string[] args) =>
        CliProcess.RunAsync(["run", .. args, "--data-dir", Path.Combine(_directory.Path, "data")], _directory.Path);
}
