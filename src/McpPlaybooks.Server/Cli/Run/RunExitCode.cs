using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The exit code of <c>run</c> (and of <c>approve</c>, <c>control</c>, <c>resume</c> once they waited) for an execution's status (design §7).</summary>
internal static class RunExitCode
{
    public static int For(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Completed => ExitCodes.Success,
        ExecutionStatus.WaitingApproval or ExecutionStatus.Paused => ExitCodes.Parked,

        // Failed, cancelled, rolled back or rolling back; and a run that stopped in any other state did not complete.
        _ => ExitCodes.Failure,
    };

    /// <summary>The exit code once waited: like <c>run</c>'s, except that a run still going is "still waiting" (3), not a failure.</summary>
    public static int AfterWait(ExecutionStatus status) =>
        status is ExecutionStatus.Running or ExecutionStatus.Pending or ExecutionStatus.RollingBack ? ExitCodes.Parked : For(status);
}
