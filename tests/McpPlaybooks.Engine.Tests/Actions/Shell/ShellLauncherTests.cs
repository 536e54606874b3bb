using System.Globalization;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Actions.Shell.ShellTestFolder;

namespace McpPlaybooks.Engine.Tests.Actions.Shell;

/// <summary>
/// How a step's process starts on Linux (one exec through posix_spawn): the leader of a session and group of its own,
/// marked for its step and its engine, with no signal blocked and SIGPIPE at its default; and the engine's supervisor.
/// </summary>
public sealed class ShellLauncherTests : IDisposable
{
    private const long SigPipeBit = 1L << 12;

    private readonly ShellTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_Linux_TheProgramItselfLeadsASessionAndGroupOfItsOwn()
    {
        var script = _folder.Script("stat.sh", "echo $$; cat /proc/$$/stat");

        var output = await _folder.RunAsync(Args(("command", Command(script))));

        var lines = OutputText(output, "stdout").Split('\n');
        var fields = lines[1][(lines[1].LastIndexOf(')') + 2)..].Split(' ');
        Assert.Equal(lines[0], fields[2]);
        Assert.Equal(lines[0], fields[3]);
    }

    [Fact]
    public async Task RunAsync_Linux_MarksTheProcessWithItsStepAndItsEngine()
    {
        var script = _folder.Script("markers.sh", "printf '%s %s' \"$MCP_PLAYBOOKS_STEP\" \"$MCP_PLAYBOOKS_ENGINE\"");

        var output = await _folder.RunAsync(Args(("command", Command(script))));

        var markers = OutputText(output, "stdout").Split(' ');
        Assert.Matches("^[0-9a-f]{32}$", markers[0]);
        Assert.Equal(StepSupervisor.Marker, markers[1]);
    }

    [Fact]
    public async Task RunAsync_Linux_NoSignalBlockedAndSigpipeAtItsDefault()
    {
        // The runtime ignores SIGPIPE; a step's pipeline (yes | head) expects its writer to die of it.
        var output = await _folder.RunAsync(Args(("command", Command("/bin/cat", "/proc/self/status"))));

        var status = OutputText(output, "stdout").Split('\n').Select(line => line.Split(':')).Where(pair => pair[0] is "SigBlk" or "SigIgn")
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.Equal(0, status["SigBlk"]);
        Assert.Equal(0, status["SigIgn"] & SigPipeBit);
    }

    [Fact]
    public async Task RunAsync_KilledByASignal_ExitCodeIs128PlusTheSignal()
    {
        var script = _folder.Script("term.sh", "kill -TERM $$");

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _folder.RunAsync(Args(("command", Command(script)))));

        Assert.Equal(143, e.ExitCode);
    }

    [Fact]
    public async Task RunAsync_ProgramFailsToExec_IsAConfigurationError()
    {
        // Executable by its mode, but not a program the kernel can run: the exec's error comes back from posix_spawn.
        var program = _folder.Script("not-a-program", "");
        File.WriteAllBytes(program, [0x7f, (byte)'E', (byte)'L', (byte)'F', 0, 0, 0, 0]);

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _folder.RunAsync(Args(("command", Command(program)))));

        Assert.Equal(ErrorCategory.Configuration, e.Category);
        Assert.Contains("could not be started", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_SupervisorKilled_StartsAnotherWithTheSameMarker()
    {
        Assert.True(ProcessLauncher.Current.Contained);
        var first = StepSupervisor.Ensure("/bin/sh", "/usr/bin/grep");
        Assert.Contains(StepSupervisor.Marker, CommandLineOf(first));

        ProcessTable.Signal(first, ProcessTable.SigKill);
        Assert.True(ProcessProbe.IsGoneAfterReaping(first));
        var second = StepSupervisor.Ensure("/bin/sh", "/usr/bin/grep");

        Assert.NotEqual(first, second);
        Assert.Contains(StepSupervisor.Marker, CommandLineOf(second));
        Assert.Equal(second, ProcessTable.GroupOf(second));
    }

    private static string[] CommandLineOf(int pid) => File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
}
