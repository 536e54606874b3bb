using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The process of an attempt that was in flight when its engine died, still running when another process takes over
/// (same pid and same start time, so not a process that reused the pid). Checked on Linux only (<c>/proc</c>).
/// </summary>
internal static class SurvivingProcess
{
    /// <summary>
    /// The first still-running process among <paramref name="inFlight"/>'s: the one recorded with the attempt, else (a shell
    /// attempt, whose pid is committed only with its end) one carrying the attempt's marker; null when none (or when it cannot be told).
    /// </summary>
    public static StartedProcess? Find(IEnumerable<StepAttemptRecord> inFlight) =>
        inFlight.Select(Of).FirstOrDefault(process => process is not null);

    /// <summary>The attempt with the pid of its process still running filled in, when history has none and its marker finds one.</summary>
    public static StepAttemptRecord WithFound(StepAttemptRecord attempt)
    {
        if (attempt.ProcessId is not null || attempt.Action != ShellAction.Descriptor.Name)
        {
            return attempt;
        }

        var running = AttemptMarker.RunningProcesses(attempt);
        return running.Count == 0 ? attempt : attempt with { ProcessId = running[0], ProcessStarted = ProcessTable.StartTicksOf(running[0]) };
    }

    private static StartedProcess? Of(StepAttemptRecord attempt)
    {
        var found = WithFound(attempt);
        if (found.ProcessId is not { } pid || found.ProcessStarted is not { } ticks)
        {
            return null;
        }

        var process = new StartedProcess(pid, ticks);
        return IsRunning(process) ? process : null;
    }

    public static bool IsRunning(StartedProcess process) =>
        ProcessTable.Available && process.StartTicks is { } ticks && ProcessTable.IsAlive(process.Pid, ticks);

    /// <summary>What the step's error says: which process, and how to stop it (its whole process group when it leads one).</summary>
    public static string Note(StartedProcess process) =>
        $"its process {process.Pid} is still running and may still be doing its work: wait for it to end or stop it "
        + (ProcessTable.GroupOf(process.Pid) == process.Pid ? $"with its process group (kill -TERM -- -{process.Pid})" : $"(kill -TERM {process.Pid})")
        + " before retry_step";
}
