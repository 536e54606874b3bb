using System.ComponentModel;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// A pipe whose two descriptors close on exec (no other child inherits them) and are above the standard streams (a
/// child's <c>dup2</c> onto 0, 1 and 2 cannot overwrite one of them even when the engine's own stdin was closed).
/// </summary>
internal readonly record struct AnonymousPipe(int Read, int Write)
{
    private const int FirstFree = 3;

    /// <exception cref="Win32Exception">No pipe could be made (descriptors exhausted).</exception>
    public static AnonymousPipe Create()
    {
        var fds = Marshal.AllocHGlobal(2 * sizeof(int));
        try
        {
            if (Libc.Pipe2(fds, Libc.OCloexec) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError());
            }

            var read = Marshal.ReadInt32(fds);
            var write = Marshal.ReadInt32(fds, sizeof(int));
            try
            {
                read = AboveStandardStreams(read);
                write = AboveStandardStreams(write);
            }
            catch
            {
                Libc.Close(read);
                Libc.Close(write);
                throw;
            }

            return new AnonymousPipe(read, write);
        }
        finally
        {
            Marshal.FreeHGlobal(fds);
        }
    }

    /// <summary>A stream over one descriptor, which it owns.</summary>
    public static Stream Open(int fd, PipeDirection direction) =>
        new AnonymousPipeClientStream(direction, new SafePipeHandle(fd, ownsHandle: true));

    /// <summary>Closes both ends (after a failure).</summary>
    public void Close()
    {
        Libc.Close(Read);
        Libc.Close(Write);
    }

    private static int AboveStandardStreams(int fd)
    {
        if (fd >= FirstFree)
        {
            return fd;
        }

        var moved = Libc.Fcntl(fd, Libc.FDupFdCloexec, FirstFree);
        var error = Marshal.GetLastPInvokeError();
        if (moved < 0)
        {
            throw new Win32Exception(error);
        }

        Libc.Close(fd);
        return moved;
    }
}
