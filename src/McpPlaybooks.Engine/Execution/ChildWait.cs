using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution;

/// <summary>A child execution a <c>playbook</c> step waits for, with its status and open gates as the parent last saw them (each gate naming the child).</summary>
internal sealed record ChildWait(string ChildId, ExecutionStatus Shown, IReadOnlyList<PendingApproval> Gates)
{
    /// <summary>Whether that status is parked: at a gate, or paused.</summary>
    public bool ShownParked => Shown is ExecutionStatus.WaitingApproval or ExecutionStatus.Paused;
}
