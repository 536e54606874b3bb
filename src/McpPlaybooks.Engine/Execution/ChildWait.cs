using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// A child execution a <c>playbook</c> step waits for, with its status and open gates as the parent last saw them (each gate
/// naming the child), and whether that state was read from history (the child run by another process) rather than built by
/// a run of this process.
/// </summary>
internal sealed record ChildWait(string ChildId, ExecutionStatus Shown, IReadOnlyList<PendingApproval> Gates, bool FromHistory)
{
    /// <summary>
    /// Whether the child, not run by this process now, is parked (at a gate, or paused) by what history last said. A state a
    /// run of this process built says nothing once that run has gone: it went because the child ended (or another process took
    /// it), and its last state shown may predate that. Taken for parked, it let a wait return "running" from a parent whose
    /// child had just been approved and completed. The next look at history (within a second) shows it again.
    /// </summary>
    public bool ParkedElsewhere => FromHistory && Shown is ExecutionStatus.WaitingApproval or ExecutionStatus.Paused;
}
