using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>
/// <c>run</c> of a playbook whose <c>playbook</c> step starts a child that waits at a gate: the run cannot park (its step
/// runs the child), so it says, as it waits, which gate of which child to decide and how; an <c>approve</c> from another
/// process decides it, and the run goes on to its end.
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
        steps:
          - id: gate
            approval: { message: "Child go?" }
            action: set
            with: { done: true }
        """;

    private const string Parent = """
        id: gated-parent
        name: Gated parent
        version: 1.0.0
        description: Runs the gated child, then leaves a mark.
        timeout: 2m
        inputs:
          dir: { type: string, description: where the mark goes }
        steps:
          - id: call
            action: playbook
            with: { id: gated-child }
          - id: after
            needs: [call]
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/bin/sh, -c, "echo x >> \"$0/after\"", "{{ inputs.dir }}"] }
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_ChildWaitsAtAGate_SaysHowToDecideItAndGoesOnOnceApprovedFromAnotherProcess()
    {
        _directory.Write("playbooks/gated-child.yaml", Child);
        _directory.Write("parent.yaml", Parent);
        var lines = new ConcurrentQueue<string>();
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var run = RunningCliProcess.Start(["run", "parent.yaml", "--input", $"dir={_directory.Path}", .. DataDirectory], _directory.Path, new Dictionary<string, string>(), line =>
        {
            lines.Enqueue(line);
            if (ApproveLine().Match(line) is { Success: true } match)
            {
                told.TrySetResult(match.Groups["child"].Value);
            }
        });

        Assert.True(await Task.WhenAny(told.Task, Task.Delay(CliProcess.Timeout)) == told.Task, $"the run never said how to decide the child's gate:\n{string.Join('\n', lines)}");
        var child = await told.Task;
        var approve = await CliProcess.RunAsync(["approve", child, "gate", .. DataDirectory], _directory.Path);
        var exit = await run.ExitAsync();

        Assert.Equal(0, approve.ExitCode);
        Assert.True(exit == 0, $"run exited {exit}:\n{string.Join('\n', lines)}");
        Assert.Contains($"  step 'gate' of child execution {child} waits for approval: Child go? (approvers: anyone; 0 of 1 approvals)", lines);
        Assert.Single(lines, line => ApproveLine().IsMatch(line));
        Assert.Single(File.ReadAllLines(Path.Combine(_directory.Path, "after")));
    }

    private string[] DataDirectory => ["--data-dir", Path.Combine(_directory.Path, "data")];

    [GeneratedRegex(@"^  to go on: mcp-playbooks approve (?<child>ex-[0-9a-f]+) gate \(or --reject it\), from another terminal")]
    private static partial Regex ApproveLine();
}
