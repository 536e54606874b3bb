using System.ComponentModel;
using System.Runtime.InteropServices;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// Starts a program with one exec, in a session and process group of its own (<c>POSIX_SPAWN_SETSID</c>), with no
/// signal blocked and SIGPIPE back to its default (the runtime ignores it; a pipeline in the step expects it), its
/// standard streams from the given descriptors (<c>/dev/null</c> for a negative one), in the given directory. Nothing
/// else is inherited that was opened with close-on-exec, as everything .NET opens is.
/// </summary>
internal static class PosixSpawn
{
    private const string DevNull = "/dev/null";

    /// <summary>
    /// The longest of the waits (1, 2, 4 … ms, about half a second in all) before a start refused with ETXTBSY is tried
    /// again. A file just written is busy while any process still holds it open for writing, and a process another thread
    /// forks in that moment holds the writer's descriptor until its own exec: a script a step wrote (or a test) can be
    /// refused once for a reason that is gone a moment later. One still busy after the waits is refused.
    /// </summary>
    private const int LongestBusyWaitMs = 256;

    /// <summary>Whether this C library has what <see cref="Start"/> needs (probed once).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>Starts <paramref name="path"/> and returns its pid.</summary>
    /// <exception cref="Win32Exception">It could not be started (the error of its exec, e.g. ENOENT or EACCES; ETXTBSY once it stayed busy).</exception>
    public static int Start(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp, string? directory, int stdin, int stdout, int stderr)
    {
        using var arguments = new NativeStringArray(argv, "an argument");
        using var environment = new NativeStringArray(envp, "an environment variable");
        var block = Marshal.AllocHGlobal(3 * Libc.OpaqueSize);
        var actions = block;
        var attributes = block + Libc.OpaqueSize;
        var signals = block + (2 * Libc.OpaqueSize);
        try
        {
            Check(Libc.FileActionsInit(actions));
            try
            {
                Check(Libc.AttributesInit(attributes));
                try
                {
                    Stream(actions, stdin, 0);
                    Stream(actions, stdout, 1);
                    Stream(actions, stderr, 2);
                    if (directory is not null)
                    {
                        Check(Libc.FileActionsAddChdir(actions, directory));
                    }

                    Libc.SigEmptySet(signals);
                    Check(Libc.AttributesSetSigMask(attributes, signals));
                    Libc.SigAddSet(signals, Libc.SigPipe);
                    Check(Libc.AttributesSetSigDefault(attributes, signals));
                    Check(Libc.AttributesSetFlags(attributes, Libc.SpawnSetSid | Libc.SpawnSetSigMask | Libc.SpawnSetSigDefault));
                    var error = Libc.PosixSpawn(out var pid, path, actions, attributes, arguments.Pointer, environment.Pointer);
                    for (var wait = 1; error == Libc.ETextBusy && wait <= LongestBusyWaitMs; wait *= 2)
                    {
                        Thread.Sleep(wait);
                        error = Libc.PosixSpawn(out pid, path, actions, attributes, arguments.Pointer, environment.Pointer);
                    }

                    Check(error);
                    return pid;
                }
                finally
                {
                    Libc.AttributesDestroy(attributes);
                }
            }
            finally
            {
                Libc.FileActionsDestroy(actions);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    private static void Stream(IntPtr actions, int fd, int target) =>
        Check(fd < 0
            ? Libc.FileActionsAddOpen(actions, target, DevNull, Libc.OReadWrite, 0)
            : Libc.FileActionsAddDup2(actions, fd, target));

    // The posix_spawn functions return an error number (they do not set errno).
    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new Win32Exception(error);
        }
    }

    // An old C library lacks addchdir_np (glibc 2.29) or refuses the SETSID flag (glibc 2.26).
    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var block = Marshal.AllocHGlobal(2 * Libc.OpaqueSize);
        try
        {
            if (Libc.FileActionsInit(block) != 0)
            {
                return false;
            }

            var chdir = Libc.FileActionsAddChdir(block, "/");
            Libc.FileActionsDestroy(block);
            var attributes = block + Libc.OpaqueSize;
            if (Libc.AttributesInit(attributes) != 0)
            {
                return false;
            }

            var flags = Libc.AttributesSetFlags(attributes, Libc.SpawnSetSid | Libc.SpawnSetSigMask | Libc.SpawnSetSigDefault);
            Libc.AttributesDestroy(attributes);
            return chdir == 0 && flags == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }
}
