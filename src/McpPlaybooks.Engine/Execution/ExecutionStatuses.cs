namespace McpPlaybooks.Engine.Execution;

/// <summary>Facts about <see cref="ExecutionStatus"/> values.</summary>
public static class ExecutionStatuses
{
    /// <summary>The statuses of an execution that has not ended, in declaration order.</summary>
    public static readonly IReadOnlyList<ExecutionStatus> Unfinished = [.. Enum.GetValues<ExecutionStatus>().Where(status => !status.IsFinal())];

    /// <summary>Completed, failed, cancelled or rolled back: the execution has ended.</summary>
    public static bool IsFinal(this ExecutionStatus status) =>
        status is ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.RolledBack;
}
