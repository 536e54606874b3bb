using System.Diagnostics;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>A step's process started by <see cref="Process"/>, where steps cannot be contained (not Linux).</summary>
internal sealed class DirectProcess : IStepProcess
{
    private readonly Process _process;

    private DirectProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    public Stream Error => _process.StandardError.BaseStream;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="startInfo"/> with its three streams redirected.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The process could not be started.</exception>
    public static DirectProcess Start(ProcessStartInfo startInfo)
    {
        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
            return new DirectProcess(process);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It ended by itself meanwhile.
        }
    }

    public void Dispose() => _process.Dispose();
}
