using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Run;

public sealed class RunExitCodeTests
{
    [Theory]
    [InlineData(ExecutionStatus.Completed, 0)]
    [InlineData(ExecutionStatus.Failed, 1)]
    [InlineData(ExecutionStatus.Cancelled, 1)]
    [InlineData(ExecutionStatus.RolledBack, 1)]
    [InlineData(ExecutionStatus.RollingBack, 1)]
    [InlineData(ExecutionStatus.Paused, 3)]
    [InlineData(ExecutionStatus.WaitingApproval, 3)]
    public void For_Status_DesignExitCode(ExecutionStatus status, int expected)
    {
        Assert.Equal(expected, RunExitCode.For(status));
    }

    [Theory]
    [InlineData(ExecutionStatus.Completed, 0)]
    [InlineData(ExecutionStatus.Failed, 1)]
    [InlineData(ExecutionStatus.Cancelled, 1)]
    [InlineData(ExecutionStatus.RolledBack, 1)]
    [InlineData(ExecutionStatus.WaitingApproval, 3)]
    [InlineData(ExecutionStatus.Paused, 3)]
    [InlineData(ExecutionStatus.Running, 3)]
    [InlineData(ExecutionStatus.Pending, 3)]
    [InlineData(ExecutionStatus.RollingBack, 3)]
    public void AfterWait_Status_ExitCode(ExecutionStatus status, int expected)
    {
        Assert.Equal(expected, RunExitCode.AfterWait(status));
    }
}
