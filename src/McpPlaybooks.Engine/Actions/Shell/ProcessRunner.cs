using System.Diagnostics;
using System.Text;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// Runs one process with all three standard streams redirected (the server's own stdio carries the protocol), drains
/// stdout and stderr concurrently into bounded captures, and on cancellation (a timeout, a cancel) stops every process of
/// the step: TERM, a grace, then KILL, to its process group and to the processes marked as its own that left the group
/// (<see cref="ProcessLauncher"/>). Where steps cannot have a group of their own, the process tree is killed instead.
/// </summary>
internal sealed class ProcessRunner(int maxOutputBytes, TimeProvider timeProvider)
{
    /// <summary>How long the pipes may stay open after the process ended (a descendant that escaped may hold them).</summary>
    public static readonly TimeSpan PipeGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for a killed process to be reaped.</summary>
    public static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long a cancelled step's processes have, after TERM, to end before KILL.</summary>
    public static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Starts the process, reports it to <paramref name="started"/> (awaited before its input is written), and returns how
    /// it ended; throws <see cref="OperationCanceledException"/> (after stopping all of its processes) when cancelled.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The process could not be started.</exception>
    public Task<ProcessResult> RunAsync(ProcessStartInfo startInfo, string? stdin, IActionLog log, Func<StartedProcess, Task> started, CancellationToken cancellationToken) =>
        RunAsync(startInfo, stdin, log, started, marker: null, cancellationToken);

    /// <summary>As the other overload, the step's processes marked with <paramref name="marker"/> (a fresh one when null).</summary>
    public async Task<ProcessResult> RunAsync(ProcessStartInfo startInfo, string? stdin, IActionLog log, Func<StartedProcess, Task> started, string? marker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(started);
        cancellationToken.ThrowIfCancellationRequested();
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.CreateNoWindow = true;

        var program = startInfo.FileName;
        var launcher = ProcessLauncher.Current;
        var steps = new StepProcesses(marker ?? Guid.NewGuid().ToString("n"), launcher.Contained);
        using var process = launcher.Start(startInfo, steps.Marker);
        steps.Leader = process.Id;
        log.Write(ExecutionLogLevel.Debug, launcher.Contained
            ? $"started pid {process.Id}: {program} (in a session of its own, killed if the engine dies)"
            : $"started pid {process.Id}: {program} (not in a session of its own: {launcher.Missing}; its processes may outlive the engine)");

        using var pipes = new CancellationTokenSource();
        var stdout = new BoundedTextCapture(maxOutputBytes);
        var stderr = new BoundedTextCapture(maxOutputBytes);
        var output = Task.WhenAll(
            stdout.DrainAsync(process.Output, pipes.Token),
            stderr.DrainAsync(process.Error, pipes.Token));
        Task streams = output;
        try
        {
            await started(new StartedProcess(process.Id, ProcessTable.Available ? ProcessTable.StartTicksOf(process.Id) : null)).ConfigureAwait(false);
            streams = Task.WhenAll(output, WriteStdinAsync(process.Input, stdin, pipes.Token));
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAsync(process, steps, log).ConfigureAwait(false);
            await FinishStreamsAsync(streams, pipes, log).ConfigureAwait(false);
            throw new OperationCanceledException($"the process {process.Id} was cancelled; its processes were stopped", cancellationToken);
        }
        catch
        {
            // Its start could not be recorded: it must not run unrecorded.
            await StopAsync(process, steps, log).ConfigureAwait(false);
            await FinishStreamsAsync(streams, pipes, log).ConfigureAwait(false);
            throw;
        }

        await FinishStreamsAsync(streams, pipes, log).ConfigureAwait(false);
        return new ProcessResult(process.ExitCode, stdout, stderr);
    }

    private static async Task WriteStdinAsync(Stream input, string? text, CancellationToken cancellationToken)
    {
        try
        {
            if (text is not null)
            {
                await input.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
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

    // TERM to all of the step's processes, a grace for the program to end, then KILL to whatever is left.
    private async Task StopAsync(IStepProcess process, StepProcesses steps, IActionLog log)
    {
        if (!steps.Contained)
        {
            process.KillTree();
        }

        steps.SignalAll(ProcessTable.SigTerm);
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TermGrace, timeProvider, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            log.Write(ExecutionLogLevel.Warning, $"the process {process.Id} had not ended {TermGrace.TotalSeconds:0} s after SIGTERM: sending SIGKILL");
        }

        var left = steps.KillAll();
        if (left.Count > 0)
        {
            log.Write(ExecutionLogLevel.Warning, $"processes of the step were still alive after SIGKILL: {string.Join(", ", left)}");
        }

        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ExitGrace, timeProvider, CancellationToken.None).ConfigureAwait(false);
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
