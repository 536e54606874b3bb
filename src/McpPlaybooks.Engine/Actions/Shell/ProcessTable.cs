using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// What Linux's <c>/proc</c> says about processes, and <c>kill(2)</c>: a process's start time (so a reused pid is not
/// taken for the one recorded), the members of a process group, the processes whose environment carries a step's
/// marker (they descend from the step even after leaving its tree, group and session). Elsewhere it knows nothing.
/// </summary>
internal static class ProcessTable
{
    public const int SigKill = 9;

    public const int SigTerm = 15;

    // How many times the environment of a process in the middle of an exec is read (about a millisecond apart) before the
    // process counts as unmarked: an exec takes microseconds, far longer only on a machine starved of CPU.
    private const int ExecLooks = 2000;

    // How many looks (about a millisecond apart) an environment must read empty, its bounds equal, to count as empty: an
    // exec shows equal bounds for a moment too, while it lays out the new program's environment.
    private const int EmptyLooks = 5;

    // PF_KTHREAD in /proc/PID/stat's flags (field 9, index 6 of the fields after the command).
    private const ulong KernelThreadFlag = 0x00200000;

    // env_start and env_end (fields 50 and 51) among the fields after the command.
    private const int EnvironmentStartField = 47;

    private const int EnvironmentEndField = 48;

    private enum Memory
    {
        Gone,

        // An exec under way: the new program's environment is not in place yet, or it is and the read met the memory the
        // exec replaced.
        Changing,

        // The environment's bounds are equal: it is empty, or an exec is laying it out.
        Empty,
    }

    /// <summary>Whether <c>/proc</c> can be read here (Linux).</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && File.Exists("/proc/self/stat");

    /// <summary>The start time of a live process, in clock ticks after boot (<c>/proc/PID/stat</c> field 22); null when it is gone or a zombie.</summary>
    public static long? StartTicksOf(int pid) =>
        Stat(pid) is { } fields && fields[0] is not ("Z" or "X") ? long.Parse(fields[19], CultureInfo.InvariantCulture) : null;

    /// <summary>The process group of a live process; null when it is gone.</summary>
    public static int? GroupOf(int pid) =>
        Stat(pid) is { } fields ? int.Parse(fields[2], CultureInfo.InvariantCulture) : null;

    /// <summary>Whether the process <paramref name="pid"/> that started at <paramref name="startTicks"/> still runs (false when the pid now names another process).</summary>
    public static bool IsAlive(int pid, long startTicks) => StartTicksOf(pid) == startTicks;

    /// <summary>
    /// The live processes of a step: the members of its process group <paramref name="group"/> (when it has its own) and
    /// those whose environment holds the entry <paramref name="marker"/> (<c>NAME=value</c>).
    /// </summary>
    public static IReadOnlyList<int> ProcessesOf(int? group, string marker)
    {
        var entry = Encoding.UTF8.GetBytes(marker);
        var found = new List<int>();
        foreach (var pid in AllPids())
        {
            if (Stat(pid) is not { } fields || fields[0] is "Z" or "X")
            {
                continue;
            }

            if ((group is { } id && fields[2] == id.ToString(CultureInfo.InvariantCulture)) || IsMarked(pid, entry))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>
    /// Whether the environment of the live process <paramref name="pid"/> holds the entry <paramref name="marker"/>
    /// (<c>NAME=value</c>). A process in the middle of an exec shows an empty environment for a moment (its new program's
    /// is set up after its memory was replaced): it is looked at again until the exec is done, so a step's process that
    /// starts a program just then is not missed (a cancel used to leave such a <c>setsid</c> grandchild running).
    /// </summary>
    public static bool IsMarked(int pid, string marker) => IsMarked(pid, Encoding.UTF8.GetBytes(marker));

    private static bool IsMarked(int pid, byte[] entry)
    {
        var emptyLooks = 0;
        for (var look = 1; ; look++)
        {
            if (EnvironmentOf(pid) is not { } environment)
            {
                return false;
            }

            if (environment.Length > 0)
            {
                // The file is read a page at a time: a read that met an exec between two pages ends early, and the marker
                // may be in the part it missed. Without the marker, the read counts only when it is as long as the
                // environment's bounds say now.
                if (HasEntry(environment, entry))
                {
                    return true;
                }

                if (!Cut(pid, environment.Length) || look >= ExecLooks)
                {
                    return false;
                }

                Thread.Sleep(1);
                continue;
            }

            // Read empty. An exec under way shows an environment not in place yet, or one in place that reads empty (the
            // read met the memory it replaced), or, while the new program's environment is being laid out, bounds that are
            // equal: only bounds that stay equal over several looks are an empty environment.
            switch (MemoryOf(pid))
            {
                case Memory.Gone:
                    return false;
                case Memory.Empty:
                    if (++emptyLooks == EmptyLooks)
                    {
                        return false;
                    }

                    break;
                case Memory.Changing:
                    emptyLooks = 0;
                    if (look >= ExecLooks)
                    {
                        return false;
                    }

                    break;
            }

            Thread.Sleep(1);
        }
    }

    // Whether a read of the environment, this long, is shorter or longer than the environment's bounds in /proc/PID/stat now
    // (0 while an exec is under way); false when the process is gone or the kernel does not show them.
    private static bool Cut(int pid, int length) =>
        Stat(pid) is { } fields && BoundsOf(fields) is { } bounds && bounds.End - bounds.Start != (ulong)length;

    // Where the process's memory stands, from /proc/PID/stat: its environment's bounds are 0 while an exec is replacing its
    // program (and while it exits), until the new program's environment is in place; then they are equal only when that
    // environment is empty.
    private static Memory MemoryOf(int pid)
    {
        if (Stat(pid) is not { } fields || fields[0] is "Z" or "X" || (ulong.Parse(fields[6], CultureInfo.InvariantCulture) & KernelThreadFlag) != 0)
        {
            return Memory.Gone;
        }

        // Kernels before 3.5 do not show them: as empty.
        return BoundsOf(fields) is not { } bounds || (bounds.End != 0 && bounds.End == bounds.Start) ? Memory.Empty : Memory.Changing;
    }

    // The environment's bounds (stat's fields 50 and 51); null on kernels before 3.5, which do not show them.
    private static (ulong Start, ulong End)? BoundsOf(string[] fields) =>
        fields.Length <= EnvironmentEndField
            ? null
            : (ulong.Parse(fields[EnvironmentStartField], CultureInfo.InvariantCulture), ulong.Parse(fields[EnvironmentEndField], CultureInfo.InvariantCulture));

    /// <summary>Sends <paramref name="signal"/> to a process (a negative pid: to a process group); false when there is none.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    private static IEnumerable<int> AllPids()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    // The fields after the command's closing parenthesis (the command may hold spaces and parentheses): index 0 is field 3, the state.
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The environment's bytes; empty when the process has none to show (none at all, exiting, or between two programs);
    // null when it cannot be read (another user's process).
    private static byte[]? EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        catch (IOException)
        {
            return []; // ESRCH while it exits or execs; gone for good is told by its stat
        }
    }

    private static bool HasEntry(byte[] environment, byte[] entry)
    {
        // Entries are NUL-terminated: the marker must be a whole entry.
        var rest = environment.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)0);
            var item = end < 0 ? rest : rest[..end];
            if (item.SequenceEqual(entry))
            {
                return true;
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return false;
    }

    // DllImport (both arguments are blittable); the shell's other calls are source-generated LibraryImports in Libc.
    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
