using System.Diagnostics;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// How a shell step's process is started so that nothing of it outlives the step or the engine. On Linux the program is
/// started with one exec (<see cref="PosixSpawn"/>) as the leader of a session and process group of its own, its
/// environment marked twice: with the step's marker (<see cref="MarkerVariable"/>: a cancel or a takeover finds the
/// step's processes, even those that left its group) and with the engine's (<see cref="StepSupervisor"/>, which kills
/// every step's processes when the engine's process dies). The program and its arguments stay an argv list end to end.
/// Elsewhere the program is started directly by <see cref="Process"/> (<see cref="Contained"/> false).
/// </summary>
internal sealed class ProcessLauncher
{
    /// <summary>The environment variable whose unique value marks every process of one step.</summary>
    public const string MarkerVariable = "MCP_PLAYBOOKS_STEP";

    private const string Shell = "/bin/sh";

    private readonly string _grep;

    private ProcessLauncher(bool contained, string? missing, string grep)
    {
        Contained = contained;
        Missing = missing;
        _grep = grep;
    }

    /// <summary>The launcher of this system.</summary>
    public static ProcessLauncher Current { get; } = Detect();

    /// <summary>True when steps run in a session of their own, killed if the engine dies.</summary>
    public bool Contained { get; }

    /// <summary>Why steps are not contained (for the log); null when they are.</summary>
    public string? Missing { get; }

    /// <summary>
    /// Starts <paramref name="startInfo"/>'s program (its arguments, environment and directory) with its three streams
    /// redirected, its processes marked with <paramref name="marker"/> (a unique value).
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The process (or, the first time, the supervisor) could not be started.</exception>
    public IStepProcess Start(ProcessStartInfo startInfo, string marker)
    {
        startInfo.Environment[MarkerVariable] = marker;
        if (!Contained)
        {
            return DirectProcess.Start(startInfo);
        }

        StepSupervisor.Ensure(Shell, _grep);
        startInfo.Environment[StepSupervisor.MarkerVariable] = StepSupervisor.Marker;
        return SpawnedProcess.Start(startInfo, Shell);
    }

    private static ProcessLauncher Detect()
    {
        if (!ProcessTable.Available)
        {
            return new ProcessLauncher(false, "not Linux (no /proc)", "");
        }

        // An absolute grep for the supervisor, which finds the marked processes with it.
        var grep = new[] { "/usr/bin/grep", "/bin/grep" }.FirstOrDefault(File.Exists);
        List<string> missing = [];
        if (!File.Exists(Shell))
        {
            missing.Add($"{Shell} not found");
        }

        if (grep is null)
        {
            missing.Add("grep not found in /usr/bin or /bin");
        }

        if (!PosixSpawn.Available)
        {
            missing.Add("the C library lacks posix_spawn with POSIX_SPAWN_SETSID and addchdir_np (glibc 2.29 or later)");
        }

        return new ProcessLauncher(missing.Count == 0, missing.Count == 0 ? null : string.Join("; ", missing), grep ?? "");
    }
}
