namespace McpPlaybooks.Engine.Execution;

/// <summary>A child execution a <c>playbook</c> step waits for, and its status as the parent last saw it.</summary>
internal sealed record ChildWait(string ChildId, ExecutionStatus Shown)
{
    /// <summary>Whether that status is parked: at a gate, or paused.</summary>
    public bool ShownParked => Shown is ExecutionStatus.WaitingApproval or ExecutionStatus.Paused;
}
