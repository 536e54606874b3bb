using System.Diagnostics;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// How a shell step's process is started so that nothing of it outlives the step or the engine. On Linux, with util-linux's
/// <c>setsid</c> and <c>setpriv</c> (Debian's base system), the program runs under a watchdog <c>/bin/sh</c> that leads a
/// session and process group of its own and that the kernel signals when the engine dies (<c>PR_SET_PDEATHSIG</c>, through
/// <c>setpriv --pdeathsig</c>); it then kills every process of the step: its group, and the processes whose environment
/// holds the step's marker (those that left the group by <c>setsid</c>). The program and its arguments stay an argv list
/// (<c>"$@"</c>); the watchdog is a fixed script. Elsewhere the program is started directly (<see cref="Contained"/> false).
/// </summary>
internal sealed class ProcessLauncher
{
    /// <summary>The environment variable whose unique value marks every process of one step.</summary>
    public const string MarkerVariable = "MCP_PLAYBOOKS_STEP";

    private const string Setsid = "/usr/bin/setsid";
    private const string Setpriv = "/usr/bin/setpriv";
    private const string Shell = "/bin/sh";

    // Signalled with USR1 when the engine's thread that started it ends: kill the program, the marked processes, then the whole group.
    // A TERM (the engine cancelling the step) goes to the program, which the watchdog waits for and whose status it returns.
    // stdin is kept for the program: an asynchronous list would get /dev/null.
    private const string Watchdog = """
        trap 'kill -KILL $c 2>/dev/null; for p in /proc/[0-9]*; do p=${p#/proc/}; if [ "$p" != $$ ] && GREP -qzx "MCP_PLAYBOOKS_STEP=$MCP_PLAYBOOKS_STEP" /proc/$p/environ 2>/dev/null; then kill -KILL $p 2>/dev/null; fi; done; kill -KILL 0' USR1
        trap : TERM
        exec 3<&0
        "$@" <&3 3<&- &
        c=$!
        exec 3<&-
        while :; do wait $c; s=$?; kill -0 $c 2>/dev/null || exit $s; done
        """;

    private readonly string _watchdog;

    private ProcessLauncher(bool contained, string? missing, string grep)
    {
        Contained = contained;
        Missing = missing;
        _watchdog = Watchdog.Replace("GREP", grep, StringComparison.Ordinal);
    }

    /// <summary>The launcher of this system.</summary>
    public static ProcessLauncher Current { get; } = Detect();

    /// <summary>True when steps run in a session of their own under the watchdog.</summary>
    public bool Contained { get; }

    /// <summary>Why steps are not contained (for the log); null when they are.</summary>
    public string? Missing { get; }

    /// <summary>
    /// Marks <paramref name="startInfo"/>'s process with <paramref name="marker"/> (a unique value) and, when contained,
    /// rewrites it to start the watchdog, which runs the program with its arguments.
    /// </summary>
    public void Prepare(ProcessStartInfo startInfo, string marker)
    {
        startInfo.Environment[MarkerVariable] = marker;
        if (!Contained)
        {
            return;
        }

        var program = startInfo.FileName;
        var arguments = startInfo.ArgumentList.ToList();
        startInfo.FileName = Setsid;
        startInfo.ArgumentList.Clear();
        foreach (var argument in (IEnumerable<string>)[Setpriv, "--pdeathsig", "USR1", "--", Shell, "-c", _watchdog, "mcp-playbooks-step", program, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }
    }

    private static ProcessLauncher Detect()
    {
        // An absolute grep: the step's env may change PATH. Without grep the watchdog still kills the group.
        var grep = new[] { "/usr/bin/grep", "/bin/grep" }.FirstOrDefault(File.Exists) ?? "grep";
        if (!ProcessTable.Available)
        {
            return new ProcessLauncher(false, "not Linux (no /proc)", grep);
        }

        var missing = new[] { Setsid, Setpriv, Shell }.Where(path => !File.Exists(path)).ToList();
        return new ProcessLauncher(missing.Count == 0, missing.Count == 0 ? null : $"{string.Join(" and ", missing)} not found", grep);
    }
}
