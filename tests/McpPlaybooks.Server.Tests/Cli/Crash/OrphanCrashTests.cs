using System.Globalization;
using McpPlaybooks.Benchmarks.Crash;
using McpPlaybooks.Engine.Tests.Support;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// A kill -9 of the engine alone (not its process tree) while a shell step runs: the step's processes must die with it,
/// so that the work they would have finished is not done once by the orphan and once more by a later retry_step.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class OrphanCrashTests : IDisposable
{
    // The step starts a subshell that would write a mark after 4 s, writes its own pid and the subshell's, and writes a
    // mark itself after 4 s.
    private const string Playbook = """
        id: orphan-crash
        name: Orphan crash
        version: 1.0.0
        inputs:
          dir: { type: string, description: where the files go }
        steps:
          - id: slow
            action: shell
            timeout: 60s
            with:
              command:
                - /bin/sh
                - -c
                - '(sleep 4; echo late > "$0/late-child") & echo "$$ $!" > "$0/pids"; sleep 4; echo late > "$0/late"'
                - "{{ inputs.dir }}"
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("mcpp-orphans-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // An orphan (the defect under test) may still write here.
        }
    }

    [Fact]
    public async Task Run_EngineKilledWhileAShellStepRuns_TheStepsProcessesDieWithIt()
    {
        File.WriteAllText(Path.Combine(_directory, "orphan.yaml"), Playbook);
        using var run = RunningCliProcess.Start(
            ["run", "orphan.yaml", "--input", $"dir={_directory}", "--data-dir", Path.Combine(_directory, "data"), "--json"],
            _directory,
            CrashScenario.Environment(killAfterCommits: null));
        var pidsWritten = FileAppearance.WaitForLineAsync(Path.Combine(_directory, "pids"), CliProcess.Timeout);

        var exitCode = await run.KillWhenAsync(pidsWritten, onlyItself: true);

        Assert.Equal(CrashScenario.KilledExitCode, exitCode);
        var pids = (await pidsWritten).Split(' ').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        Assert.All(pids, pid => Assert.True(ProcessProbe.IsGoneWithin(pid, TimeSpan.FromSeconds(20)), $"the step's process {pid} outlived the engine"));
        Assert.False(File.Exists(Path.Combine(_directory, "late")), "the step finished its work after the engine died");
        Assert.False(File.Exists(Path.Combine(_directory, "late-child")), "the step's subshell finished its work after the engine died");
    }
}
