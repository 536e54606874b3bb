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

    // The step leaves a double-forked grandchild (outside its tree) and a setsid one (outside its group and session), writes
    // their pids, its own and its engine's marker, and sleeps.
    private const string EscapingPlaybook = """
        id: orphan-escape
        name: Orphan escape
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
                - '( sleep 100 & echo $! > "$0/forked" ); ( setsid sleep 100 & echo $! > "$0/session" ); echo "$$ $(cat "$0/forked") $(cat "$0/session") $MCP_PLAYBOOKS_ENGINE" > "$0/pids"; exec sleep 100'
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

    [Fact]
    public async Task Run_EngineKilledWhileItsStepsProcessesLeftTheirTreeAndSession_TheSupervisorKillsThemAndEnds()
    {
        File.WriteAllText(Path.Combine(_directory, "escape.yaml"), EscapingPlaybook);
        using var run = RunningCliProcess.Start(
            ["run", "escape.yaml", "--input", $"dir={_directory}", "--data-dir", Path.Combine(_directory, "data"), "--json"],
            _directory,
            CrashScenario.Environment(killAfterCommits: null));
        var written = FileAppearance.WaitForLineAsync(Path.Combine(_directory, "pids"), CliProcess.Timeout);
        var supervisor = SupervisorOfAsync(written);

        var exitCode = await run.KillWhenAsync(supervisor, onlyItself: true);

        Assert.Equal(CrashScenario.KilledExitCode, exitCode);
        var pids = (await written).Split(' ')[..^1].Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, pids.Count);
        var supervisorPid = Assert.NotNull(await supervisor);
        Assert.All(pids, pid => Assert.True(ProcessProbe.IsGoneWithin(pid, TimeSpan.FromSeconds(20)), $"the step's process {pid} outlived the engine"));
        Assert.True(ProcessProbe.IsGoneWithin(supervisorPid, TimeSpan.FromSeconds(20)), $"the supervisor {supervisorPid} outlived its work");
    }

    // The engine's supervisor: the /bin/sh whose arguments carry the engine's marker (the last word of the step's line).
    private static async Task<int?> SupervisorOfAsync(Task<string> written)
    {
        var marker = (await written).Split(' ')[^1];
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            string[] arguments;
            try
            {
                arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (arguments.Contains("mcp-playbooks-supervisor") && arguments.Contains(marker))
            {
                return int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
