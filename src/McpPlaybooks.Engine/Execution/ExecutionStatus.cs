namespace McpPlaybooks.Engine.Execution;

/// <summary>The state of an execution (design §3). Written in snake case: <c>waiting_approval</c>.</summary>
public enum ExecutionStatus
{
    Pending,
    Running,
    Paused,
    WaitingApproval,
    Completed,
    Failed,
    Cancelled,
    RollingBack,
    RolledBack,
}
