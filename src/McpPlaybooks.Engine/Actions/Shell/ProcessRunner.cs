using System.Diagnostics;
using System.Text;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// Runs one process with all three standard streams redirected (the server's own stdio carries
/// the protocol), drains stdout and stderr concurrently into bounded captures, and on
/// cancellation kills the whole process tree and waits for it.
/// </summary>
internal sealed class ProcessRunner(int maxOutputBytes, TimeProvider timeProvider)
{
    /// <summary>How long the pipes may stay open after the process ended (a descendant that escaped may hold them).</summary>
    public static readonly TimeSpan PipeGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for a killed process to be reaped.</summary>
    public static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    /// <summary>Starts the process and returns how it ended; throws <see cref="OperationCanceledException"/> (after killing the tree) when cancelled.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The process could not be started.</exception>
    public async Task<ProcessResult> RunAsync(ProcessStartInfo startInfo, string? stdin, IActionLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(log);
        cancellationToken.ThrowIfCancellationRequested();
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.CreateNoWindow = true;

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        log.Write(ExecutionLogLevel.Debug, $"started pid {process.Id}: {startInfo.FileName}");

        using var pipes = new CancellationTokenSource();
        var stdout = new BoundedTextCapture(maxOutputBytes);
        var stderr = new BoundedTextCapture(maxOutputBytes);
        var streams = Task.WhenAll(
            stdout.DrainAsync(process.StandardOutput.BaseStream, pipes.Token),
            stderr.DrainAsync(process.StandardError.BaseStream, pipes.Token),
            WriteStdinAsync(process.StandardInput, stdin, pipes.Token));

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await KillTreeAsync(process, log);
            await FinishStreamsAsync(streams, pipes, log);
            throw new OperationCanceledException($"the process {process.Id} was cancelled; its process tree was killed", cancellationToken);
        }

        await FinishStreamsAsync(streams, pipes, log);
        return new ProcessResult(process.ExitCode, stdout, stderr);
    }

    private static async Task WriteStdinAsync(StreamWriter input, string? text, CancellationToken cancellationToken)
    {
        try
        {
            if (text is not null)
            {
                await input.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The process ended, or stopped reading: the rest of the input has nowhere to go.
        }
        finally
        {
            try
            {
                input.Dispose();
            }
            catch (IOException)
            {
                // Closing a pipe whose reader is gone.
            }
        }
    }

    private async Task KillTreeAsync(Process process, IActionLog log)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It ended by itself meanwhile.
        }

        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ExitGrace, timeProvider, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            log.Write(ExecutionLogLevel.Warning, $"the process {process.Id} was killed but had not ended after {ExitGrace.TotalSeconds:0} s");
        }
    }

    private async Task FinishStreamsAsync(Task streams, CancellationTokenSource pipes, IActionLog log)
    {
        try
        {
            await streams.WaitAsync(PipeGrace, timeProvider, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            log.Write(ExecutionLogLevel.Warning, $"the output was still open {PipeGrace.TotalSeconds:0} s after the process ended (a process it started holds it?): stopped reading");
            await pipes.CancelAsync();
            try
            {
                await streams.WaitAsync(PipeGrace, timeProvider, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // The readers stop with the pipes' last holder; what they captured so far is kept.
            }
        }
    }
}
