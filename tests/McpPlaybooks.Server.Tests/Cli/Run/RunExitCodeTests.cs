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
}
