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
    public async Task RunAsync_InterpreterMissing_IsAConfigurationErrorFromTheExec()
    {
        // Executable by its mode, but its #! names no file: the exec's error comes back from posix_spawn (under a shell
        // in between it was only an exit code 127).
        var program = _folder.Script("no-interpreter", "");
        File.WriteAllText(program, "#!/nonexistent/interpreter\necho ran\n");

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _folder.RunAsync(Args(("command", Command(program)))));

        Assert.Equal(ErrorCategory.Configuration, e.Category);
        Assert.Contains("could not be started", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExecutableWithoutShebang_RunsThroughBinSh()
    {
        var program = _folder.Script("plain", "");
        File.WriteAllText(program, "echo \"ran as $0 with $1\"\n");

        var output = await _folder.RunAsync(Args(("command", Command(program, "one"))));

        Assert.Equal($"ran as {program} with one", OutputText(output, "stdout"));
    }

    [Fact]
    public async Task RunAsync_ProgramHeldOpenForWritingForAMoment_StartsOnceItIsFree()
    {
        // What another thread's fork does to a file just written: the exec is refused with ETXTBSY while a descriptor
        // open for writing lives. Here this process holds one for 100 ms (closed by a thread of its own: the start's
        // waits hold a pool thread); the start is tried again until it is closed.
        var program = _folder.Script("busy.sh", "echo started");
        var writer = new FileStream(program, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        var closer = new Thread(() =>
        {
            Thread.Sleep(100);
            writer.Dispose();
        });
        closer.Start();

        var output = await _folder.RunAsync(Args(("command", Command(program))));

        closer.Join();

        Assert.Equal("started", OutputText(output, "stdout"));
    }

    [Fact]
    public void Ensure_SupervisorKilled_StartsAnother()
    {
        Assert.True(ProcessLauncher.Current.Contained);
        // Its arguments (the marker) are not read here: posix_spawn returns while the new image may still be setting them up.
        var first = StepSupervisor.Ensure("/bin/sh", "/usr/bin/grep");
        Assert.Equal(first, ProcessTable.GroupOf(first));

        ProcessTable.Signal(first, ProcessTable.SigKill);
        Assert.True(ProcessProbe.IsGoneAfterReaping(first));
        var second = StepSupervisor.Ensure("/bin/sh", "/usr/bin/grep");

        Assert.NotEqual(first, second);
        Assert.NotNull(ProcessTable.StartTicksOf(second));
        Assert.Equal(second, ProcessTable.GroupOf(second));
        Assert.Equal(second, StepSupervisor.Ensure("/bin/sh", "/usr/bin/grep"));
    }
}
