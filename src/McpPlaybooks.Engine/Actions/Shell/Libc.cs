using System.Runtime.InteropServices;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// The C library calls that start a step's process in a session of its own with one exec (<c>posix_spawn</c> with
/// <c>POSIX_SPAWN_SETSID</c>, glibc 2.26 or later, musl) and reap it. Source-generated (Native AOT), Linux only: the
/// constants are Linux's (x86-64 and arm64).
/// </summary>
internal static partial class Libc
{
    public const int OCloexec = 0x80000;
    public const int OReadWrite = 2;
    public const int FDupFdCloexec = 1030;
    public const int EIntr = 4;
    public const int ENoExec = 8;
    public const int EChild = 10;
    public const int ETextBusy = 26;
    public const int WNoHang = 1;
    public const int SigPipe = 13;
    public const short SpawnSetSigDefault = 0x04;
    public const short SpawnSetSigMask = 0x08;
    public const short SpawnSetSid = 0x80;

    /// <summary>Bytes enough for glibc's <c>posix_spawnattr_t</c> (336), <c>posix_spawn_file_actions_t</c> (80) and <c>sigset_t</c> (128).</summary>
    public const int OpaqueSize = 1024;

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "pipe2", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int Pipe2(IntPtr fds, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "waitpid", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport(Library, EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int PosixSpawn(out int pid, string path, IntPtr fileActions, IntPtr attributes, IntPtr argv, IntPtr envp);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_init")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int FileActionsInit(IntPtr fileActions);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_destroy")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int FileActionsDestroy(IntPtr fileActions);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_adddup2")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int FileActionsAddDup2(IntPtr fileActions, int fd, int newFd);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int FileActionsAddOpen(IntPtr fileActions, int fd, string path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int FileActionsAddChdir(IntPtr fileActions, string path);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_init")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int AttributesInit(IntPtr attributes);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_destroy")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int AttributesDestroy(IntPtr attributes);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setflags")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int AttributesSetFlags(IntPtr attributes, short flags);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setsigmask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int AttributesSetSigMask(IntPtr attributes, IntPtr signals);

    [LibraryImport(Library, EntryPoint = "posix_spawnattr_setsigdefault")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int AttributesSetSigDefault(IntPtr attributes, IntPtr signals);

    [LibraryImport(Library, EntryPoint = "sigemptyset")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int SigEmptySet(IntPtr signals);

    [LibraryImport(Library, EntryPoint = "sigaddset")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int SigAddSet(IntPtr signals, int signal);
}
