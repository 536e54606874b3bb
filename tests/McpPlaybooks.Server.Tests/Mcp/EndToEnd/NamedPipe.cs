using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// A named pipe (FIFO) seen from its writing end: opening it for writing without blocking fails (ENXIO) while no process has
/// it open for reading, so a test can tell whether the server has begun reading a file without waiting on a clock.
/// </summary>
internal static class NamedPipe
{
    private const int WriteOnly = 0x1;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;

    /// <summary>Whether a process has the pipe open for reading now.</summary>
    public static bool HasReader(string path)
    {
        using var handle = TryOpenWriter(path);
        return handle is not null;
    }

    /// <summary>Waits (polling) until a process opens the pipe to read, then returns its writing end; closing it ends the reader's file.</summary>
    public static async Task<FileStream> OpenOnceReadAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryOpenWriter(path) is { } handle)
            {
                return new FileStream(handle, FileAccess.Write, bufferSize: 0);
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static SafeFileHandle? TryOpenWriter(string path)
    {
        var fd = Open(path, WriteOnly | NonBlocking | CloseOnExec);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
