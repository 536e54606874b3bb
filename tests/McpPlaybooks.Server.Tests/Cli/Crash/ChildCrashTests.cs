using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// A parent killed (SIGKILL) while its child execution runs a shell step: <c>resume</c> takes both over, the child's step
/// is interrupted and the child paused, and the parent, whose step can only wait for that child, is parked with it:
/// <c>resume</c> ends (exit 3) saying so, where it waited for ever before. The <c>control retry_step</c> on the child then
/// finishes both.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class ChildCrashTests : IDisposable
{
    /// <summary>A shell step that leaves a mark, then waits for the file <c>go</c>.</summary>
    private const string Child = """
        id: blocking-child
        name: Blocking child
        version: 1.0.0
        description: Leaves a mark, then waits for a file.
        timeout: 2m
        inputs:
          dir: { type: string, description: where the files are }
        steps:
          - id: mark
            action: shell
            timeout: 60s
            rollback: []
            with: { command: [/bin/sh, -c, "echo x >> \"$0/mark\"; while [ ! -e \"$0/go\" ]; do sleep 0.02; done", "{{ inputs.dir }}"] }
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Resume_ParentKilledWhileItsChildsShellStepRan_ParksBothAndRetryStepOnTheChildFinishesThem()
    {
        _directory.Write("playbooks/blocking-child.yaml", Child);
        _directory.Write("parent.yaml", ParentPlaybook.Of("blocking-child"));
        using (var run = RunningCliProcess.Start(["run", "parent.yaml", "--input", $"dir={_directory.Path}", .. DataDirectory], _directory.Path, CrashScenario.Environment(killAfterCommits: null)))
        {
            var marked = FileAppearance.WaitForLineAsync(Path.Combine(_directory.Path, "mark"), CliProcess.Timeout);
            Assert.Equal(CrashScenario.KilledExitCode, await run.KillWhenAsync(marked, onlyItself: true));
        }

        var resume = await Cli(["resume", .. DataDirectory]);

        Assert.True(resume.ExitCode == 3, $"resume exited {resume.ExitCode}: {resume.Out}{resume.Error}");
        var child = resume.OutLines.Single(line => line.Contains("(blocking-child 1.0.0): paused", StringComparison.Ordinal)).Split(' ')[0];
        Assert.Contains(resume.OutLines, line => line.Contains("(parent-of-blocking-child 1.0.0): running", StringComparison.Ordinal));
        Assert.Contains($"  to go on: mcp-playbooks control {child} retry_step --step mark (or skip_step)", resume.OutLines);
        Assert.Contains(resume.OutLines, line => line.StartsWith($"  step 'call' waits for child execution {child}, which is paused", StringComparison.Ordinal));

        File.WriteAllText(Path.Combine(_directory.Path, "go"), "");
        var retried = await Cli(["control", child, "retry_step", "--step", "mark", "--wait", "60", .. DataDirectory]);

        Assert.True(retried.ExitCode == 0, $"control exited {retried.ExitCode}: {retried.Out}{retried.Error}");
        Assert.Contains("(parent-of-blocking-child 1.0.0), left unfinished by a process that stopped", retried.Error, StringComparison.Ordinal);
        Assert.Contains("now completed", retried.Error, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_directory.Path, "mark")).Length);
        Assert.Single(File.ReadAllLines(Path.Combine(_directory.Path, "after")));
    }

    private string[] DataDirectory => ["--data-dir", Path.Combine(_directory.Path, "data")];

    private Task<CliResult> Cli(string[] args) => CliProcess.RunAsync(args, _directory.Path, CrashScenario.Environment(killAfterCommits: null));
}
