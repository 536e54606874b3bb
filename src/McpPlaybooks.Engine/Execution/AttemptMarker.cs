using System.Security.Cryptography;
using System.Text;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The marker of an attempt's processes (<see cref="ProcessLauncher.MarkerVariable"/>), derived from the attempt as it is
/// recorded before its process starts: a process taking over after a crash finds the processes still running from what
/// history already holds, so the pid needs no commit of its own while the process runs (it is recorded with the attempt's end).
/// </summary>
internal static class AttemptMarker
{
    /// <summary>32 hex digits (safe in the watchdog's grep pattern), unique to the execution, step, kind, iteration, attempt and start.</summary>
    public static string Of(StepAttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var key = $"{attempt.ExecutionId}\n{attempt.StepId}\n{attempt.Kind}\n{attempt.Iteration}\n{attempt.Attempt}\n{attempt.StartedAt.ToUnixTimeMilliseconds()}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
    }

    /// <summary>The processes of the attempt still running: its leader (the process leading its own group) first; empty when none.</summary>
    public static IReadOnlyList<int> RunningProcesses(StepAttemptRecord attempt)
    {
        if (!ProcessTable.Available)
        {
            return [];
        }

        var marked = ProcessTable.ProcessesOf(null, $"{ProcessLauncher.MarkerVariable}={Of(attempt)}");
        return [.. marked.OrderBy(pid => ProcessTable.GroupOf(pid) == pid ? 0 : 1).ThenBy(pid => pid)];
    }
}
