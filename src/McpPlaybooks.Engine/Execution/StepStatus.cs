namespace McpPlaybooks.Engine.Execution;

/// <summary>The state of a step (design §3). Written in snake case: <c>rolled_back</c>.</summary>
public enum StepStatus
{
    Pending,
    Running,
    WaitingApproval,
    Completed,
    Failed,
    Skipped,
    Cancelled,
    RolledBack,
    Interrupted,

    /// <summary>Never started, in an execution that has ended (a failure, a cancel or a timeout came first).</summary>
    NotRun,
}
