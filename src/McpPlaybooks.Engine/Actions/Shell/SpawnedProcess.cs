using System.ComponentModel;
using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// A step's process started by <see cref="PosixSpawn"/> (one exec, a session of its own) with pipes of our own, and reaped
/// by a small thread blocked in <c>waitpid</c> for it alone (the runtime reaps only the children it started itself).
/// </summary>
internal sealed class SpawnedProcess : IStepProcess
{
    // What the exit code is when the status was taken by someone else (only if the engine was started with SIGCHLD
    // ignored, when the runtime reaps every child): unknown, so a failure.
    private const int UnknownStatus = -1;
    private const int ReaperStackBytes = 128 * 1024;

    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SpawnedProcess(int pid, Stream input, Stream output, Stream error)
    {
        Id = pid;
        Input = input;
        Output = output;
        Error = error;
        new Thread(Reap, ReaperStackBytes) { IsBackground = true, Name = "mcp-playbooks reaper" }.Start();
    }

    public int Id { get; }

    public Stream Input { get; }

    public Stream Output { get; }

    public Stream Error { get; }

    public int ExitCode => _exit.Task.IsCompleted ? _exit.Task.Result : throw new InvalidOperationException($"the process {Id} has not ended");

    /// <summary>
    /// Starts <paramref name="startInfo"/>'s program, arguments, environment and directory; an executable file that is no
    /// program the kernel runs (no <c>#!</c>) runs through <paramref name="shell"/>, as a shell would run it.
    /// </summary>
    /// <exception cref="Win32Exception">The process could not be started.</exception>
    public static SpawnedProcess Start(ProcessStartInfo startInfo, string shell)
    {
        List<string> argv = [startInfo.FileName, .. startInfo.ArgumentList];
        List<string> envp = [.. startInfo.Environment.Where(pair => pair.Value is not null).Select(pair => $"{pair.Key}={pair.Value}")];
        var directory = string.IsNullOrEmpty(startInfo.WorkingDirectory) ? null : startInfo.WorkingDirectory;
        var pipes = new List<AnonymousPipe>(3);
        try
        {
            pipes.Add(AnonymousPipe.Create());
            pipes.Add(AnonymousPipe.Create());
            pipes.Add(AnonymousPipe.Create());
        }
        catch
        {
            pipes.ForEach(pipe => pipe.Close());
            throw;
        }

        var (input, output, error) = (pipes[0], pipes[1], pipes[2]);
        int pid;
        try
        {
            try
            {
                pid = PosixSpawn.Start(startInfo.FileName, argv, envp, directory, input.Read, output.Write, error.Write);
            }
            catch (Win32Exception e) when (e.NativeErrorCode == Libc.ENoExec)
            {
                pid = PosixSpawn.Start(shell, [shell, .. argv], envp, directory, input.Read, output.Write, error.Write);
            }
        }
        catch
        {
            pipes.ForEach(pipe => pipe.Close());
            throw;
        }

        Libc.Close(input.Read);
        Libc.Close(output.Write);
        Libc.Close(error.Write);
        return new SpawnedProcess(
            pid,
            AnonymousPipe.Open(input.Write, PipeDirection.Out),
            AnonymousPipe.Open(output.Read, PipeDirection.In),
            AnonymousPipe.Open(error.Read, PipeDirection.In));
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _exit.Task.WaitAsync(cancellationToken);

    public void KillTree() => ProcessTable.Signal(-Id, ProcessTable.SigKill);

    public void Dispose()
    {
        Input.Dispose();
        Output.Dispose();
        Error.Dispose();
    }

    private void Reap()
    {
        int result;
        int status;
        do
        {
            result = Libc.WaitPid(Id, out status, 0);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr);

        _exit.TrySetResult(result == Id ? ExitCodeOf(status) : UnknownStatus);
    }

    // As the shell and .NET report it: the exit status, or 128 + the signal that ended it.
    private static int ExitCodeOf(int status) =>
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
}
