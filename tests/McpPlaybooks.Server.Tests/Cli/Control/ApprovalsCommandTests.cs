using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Control;

/// <summary><c>approvals</c>: the gates waiting for a person, each with the command that decides it, read from history; what a gate quotes cannot act on the terminal.</summary>
public sealed class ApprovalsCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Approvals_AParkedRun_ListsItsGateWithTheApproveCommandAndWhoYouAre()
    {
        var id = await ParkAsync();

        var listed = await RunCli.RunAsync(_directory.Path, "approvals", "--data-dir", "data");

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains($"{id}  gated-touch 1.0.0  step 'touch': Create it?", listed.Out, StringComparison.Ordinal);
        Assert.Contains("approvers: oncall; 0 of 1 approvals; waiting since ", listed.Out, StringComparison.Ordinal);
        Assert.Contains($"decide: mcp-playbooks approve {id} touch --data-dir {Path.Combine(_directory.Path, "data")}", listed.Out, StringComparison.Ordinal);
        Assert.Contains($"1 gate waiting; you decide as cli:{Environment.UserName} (no name or role", listed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvals_Json_OneArrayAndAfterTheDecisionNone()
    {
        var id = await ParkAsync();
        var mapped = new Dictionary<string, string> { ["MCPPLAYBOOKS_APPROVAL_USERS"] = $"{Environment.UserName}=oncall" };

        var before = await RunCli.RunAsync(_directory.Path, "approvals", "--data-dir", "data", "--json");
        var approve = await RunCli.RunAsync(_directory.Path, mapped, "approve", id, "touch", "--data-dir", "data", "--wait", "30");
        var after = await RunCli.RunAsync(_directory.Path, "approvals", "--data-dir", "data", "--json");

        using var json = JsonDocument.Parse(before.Out);
        var gate = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal((id, "touch", "gated-touch"), (gate.GetProperty("execution_id").GetString(), gate.GetProperty("step_id").GetString(), gate.GetProperty("playbook_id").GetString()));
        Assert.Equal(["oncall"], gate.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(0, approve.ExitCode);
        Assert.Equal("[]", after.Out.Trim());
        Assert.Equal("", after.Error);
    }

    [Fact]
    public async Task Approvals_AGateMessageWithTerminalEscapes_ShowsThemRatherThanActingOnThem()
    {
        _directory.Write("note.yaml", """
            id: noted-gate
            name: Noted gate
            version: 1.0.0
            timeout: 1m
            inputs:
              note: { type: string }
            steps:
              - id: gate
                approval: { message: "Restart? {{ inputs.note }}", approvers: [oncall] }
                action: log
                with: { message: go }
            """);
        var note = @"\u001b]0;pwned\u0007\u001b[31mRED\u001b[0m\rFAKE LINE: approvers: anyone\u202e";
        var run = await RunCli.RunAsync(_directory.Path, "run", "note.yaml", "--inputs-json", $$"""{"note": "{{note}}"}""", "--data-dir", "data");

        var listed = await RunCli.RunAsync(_directory.Path, "approvals", "--data-dir", "data");

        Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}: {run.Error}");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(@"step 'gate': Restart? \x1b]0;pwned\x07\x1b[31mRED\x1b[0m FAKE LINE: approvers: anyone\u202e", listed.Out, StringComparison.Ordinal);
        foreach (var acting in new[] { '\u001b', '\u0007', '\r', '\u202e' })
        {
            Assert.DoesNotContain(acting, listed.Out + run.Out);
        }
    }

    [Fact]
    public async Task Approvals_NoHistory_ExitsTwoSayingSo()
    {
        var result = await RunCli.RunAsync(_directory.Path, "approvals", "--data-dir", "nothing-here");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no history in", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> ParkAsync()
    {
        _directory.Write("gated.yaml", ControlPlaybooks.GatedTouch);
        var run = await RunCli.RunAsync(_directory.Path, "run", "gated.yaml", "--input", $"path={Path.Combine(_directory.Path, "created")}", "--data-dir", "data", "--json");
        Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}: {run.Error}");
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("execution_id").GetString()!;
    }
}
