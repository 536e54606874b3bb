using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The process of an attempt that was in flight when its engine died, still running when another process takes over
/// (same pid and same start time, so not a process that reused the pid). Checked on Linux only (<c>/proc</c>).
/// </summary>
internal static class SurvivingProcess
{
    /// <summary>The first still-running process among <paramref name="inFlight"/>'s recorded ones; null when none (or when it cannot be told).</summary>
    public static StartedProcess? Find(IEnumerable<StepAttemptRecord> inFlight) =>
        inFlight
            .Where(a => a.ProcessId is not null && a.ProcessStarted is not null)
            .Select(a => new StartedProcess(a.ProcessId!.Value, a.ProcessStarted))
            .FirstOrDefault(IsRunning);

    public static bool IsRunning(StartedProcess process) =>
        ProcessTable.Available && process.StartTicks is { } ticks && ProcessTable.IsAlive(process.Pid, ticks);

    /// <summary>What the step's error says: which process, and how to stop it (its whole process group when it leads one).</summary>
    public static string Note(StartedProcess process) =>
        $"its process {process.Pid} is still running and may still be doing its work: wait for it to end or stop it "
        + (ProcessTable.GroupOf(process.Pid) == process.Pid ? $"with its process group (kill -TERM -- -{process.Pid})" : $"(kill -TERM {process.Pid})")
        + " before retry_step";
}
