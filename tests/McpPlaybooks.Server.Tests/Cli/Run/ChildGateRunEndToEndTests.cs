using System.Text.RegularExpressions;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>
/// <c>run</c> of a playbook whose <c>playbook</c> step starts a child that waits at a gate: nothing moves until a person
/// decides it, so the run parks (exit 3) saying which gate of which child and the command; the <c>approve</c> that decides
/// it takes both over and drives them to their end.
/// </summary>
[Trait("Requires", "Engine")]
public sealed partial class ChildGateRunEndToEndTests : IDisposable
{
    private const string Child = """
        id: gated-child
        name: Gated child
        version: 1.0.0
        description: Waits for a person, then is done.
        timeout: 2m
        inputs:
          dir: { type: string, description: not used }
        steps:
          - id: gate
            approval: { message: "Child go?" }
            action: set
            with: { done: true }
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_ChildWaitsAtAGate_ParksSayingHowToDecideItAndApproveGoesOnWithBoth()
    {
        _directory.Write("playbooks/gated-child.yaml", Child);
        _directory.Write("parent.yaml", ParentPlaybook.Of("gated-child"));

        var run = await CliProcess.RunAsync(["run", "parent.yaml", "--input", $"dir={_directory.Path}", .. DataDirectory], _directory.Path);

        Assert.True(run.ExitCode == 3, $"run exited {run.ExitCode}: {run.Out}{run.Error}");
        var parent = Regex.Match(run.Out, @"running parent-of-gated-child 1\.0\.0 \(execution (?<id>ex-[0-9a-f]+)\)").Groups["id"].Value;
        var approve = ApproveLine().Match(run.Out);
        Assert.True(approve.Success, run.Out);
        var child = approve.Groups["child"].Value;
        Assert.Equal(parent, approve.Groups["parent"].Value);
        Assert.Contains($"  step 'gate' of child execution {child} waits for approval: Child go? (approvers: anyone; 0 of 1 approvals)", run.OutLines);
        Assert.StartsWith("running in ", run.OutLines.Single(line => line.Contains(": 2 steps (1 pending, 1 running)", StringComparison.Ordinal)), StringComparison.Ordinal);

        // The approve process takes the parent over too (run let it go): it goes on to its end there.
        var approved = await CliProcess.RunAsync(["approve", child, "gate", .. DataDirectory], _directory.Path);

        Assert.True(approved.ExitCode == 0, $"approve exited {approved.ExitCode}: {approved.Out}{approved.Error}");
        Assert.Contains($"resumed execution {parent} (parent-of-gated-child 1.0.0), left unfinished by a process that stopped", approved.Error, StringComparison.Ordinal);
        Assert.Contains("now completed", approved.Error, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(_directory.Path, "after")));
    }

    private string[] DataDirectory => ["--data-dir", Path.Combine(_directory.Path, "data")];

    [GeneratedRegex(@"^  to go on: mcp-playbooks approve (?<child>ex-[0-9a-f]+) gate \(or --reject it\); (?<parent>ex-[0-9a-f]+) goes on once its child does$", RegexOptions.Multiline)]
    private static partial Regex ApproveLine();
}
