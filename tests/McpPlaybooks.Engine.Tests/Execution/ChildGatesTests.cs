using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>What a parent keeps of the child executions its <c>playbook</c> steps wait for.</summary>
public sealed class ChildGatesTests
{
    [Fact]
    public void Show_AStateBuiltByARunOfThisProcess_IsNotTakenForAChildParkedElsewhere()
    {
        var gates = new ChildGates();

        gates.Show("call", Child(ExecutionStatus.WaitingApproval, revision: 7));

        // Once that run has gone (it ended, or another process took it), this state may predate its end.
        Assert.False(gates.Of("call")!.ParkedElsewhere);
    }

    [Fact]
    public void Show_AStateReadFromHistory_IsAChildParkedElsewhere()
    {
        var gates = new ChildGates();

        gates.Show("call", Child(ExecutionStatus.WaitingApproval, revision: 0));

        Assert.True(gates.Of("call")!.ParkedElsewhere);
    }

    [Fact]
    public void Show_AStateOlderThanTheOneShown_IsLeftOut()
    {
        var gates = new ChildGates();
        gates.Show("call", Child(ExecutionStatus.Completed, revision: 9));

        Assert.False(gates.Show("call", Child(ExecutionStatus.WaitingApproval, revision: 8)));
        Assert.Equal(ExecutionStatus.Completed, gates.Of("call")!.Shown);
    }

    [Fact]
    public void Show_AStateReadFromHistoryBeforeTheChildEndedHere_DoesNotUndoItsEnd()
    {
        var gates = new ChildGates();
        gates.Show("call", Child(ExecutionStatus.Completed, revision: 9));

        Assert.False(gates.Show("call", Child(ExecutionStatus.WaitingApproval, revision: 0)));
        Assert.Equal(ExecutionStatus.Completed, gates.Of("call")!.Shown);
    }

    private static ExecutionState Child(ExecutionStatus status, long revision) => new()
    {
        ExecutionId = "ex-child",
        PlaybookId = "child",
        PlaybookVersion = "1.0.0",
        Status = status,
        Revision = revision,
    };
}
