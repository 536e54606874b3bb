using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

public sealed class ControlRulesTests
{
    private const string Id = "ex-123";

    /// <summary>The table of design §3 Control, written out independently of the code: state, flag, allowed actions.</summary>
    private static readonly (ExecutionStatus Status, bool StepFlag, string Allowed)[] Table =
    [
        (ExecutionStatus.Pending, false, "cancel, signal"),
        (ExecutionStatus.Pending, true, "cancel, signal"),
        (ExecutionStatus.Running, false, "pause, cancel, signal"),
        (ExecutionStatus.Running, true, "pause, cancel, signal"),
        (ExecutionStatus.Paused, false, "resume, cancel, signal"),
        (ExecutionStatus.Paused, true, "cancel, signal, retry_step, skip_step"),
        (ExecutionStatus.WaitingApproval, false, "pause, cancel, signal"),
        (ExecutionStatus.WaitingApproval, true, "pause, cancel, signal"),
        (ExecutionStatus.RollingBack, false, "cancel"),
        (ExecutionStatus.RollingBack, true, "cancel"),
        (ExecutionStatus.Failed, false, "retry_step, skip_step, rollback"),
        (ExecutionStatus.Failed, true, "retry_step, skip_step, rollback"),
        (ExecutionStatus.Completed, false, "rollback"),
        (ExecutionStatus.Completed, true, "rollback"),
        (ExecutionStatus.Cancelled, false, "rollback"),
        (ExecutionStatus.Cancelled, true, "rollback"),
        (ExecutionStatus.RolledBack, false, ""),
        (ExecutionStatus.RolledBack, true, ""),
    ];

    public static TheoryData<ExecutionStatus, bool, ControlAction> EveryCase()
    {
        var data = new TheoryData<ExecutionStatus, bool, ControlAction>();
        foreach (var status in Enum.GetValues<ExecutionStatus>())
        {
            foreach (var flag in new[] { false, true })
            {
                foreach (var action in Enum.GetValues<ControlAction>())
                {
                    data.Add(status, flag, action);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Table_CoversEveryStatus()
    {
        Assert.Equal(Enum.GetValues<ExecutionStatus>().Length * 2, Table.Length);
        Assert.All(Enum.GetValues<ExecutionStatus>(), s => Assert.Equal(2, Table.Count(row => row.Status == s)));
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Refuse_EveryStatusAndAction_FollowsTheTable(ExecutionStatus status, bool stepFlag, ControlAction action)
    {
        var expected = Table.Single(row => row.Status == status && row.StepFlag == stepFlag).Allowed;
        var allowedNames = expected.Length == 0 ? [] : expected.Split(", ");
        var actionName = Definitions.EnumNames.ToName(action);
        var statusName = Definitions.EnumNames.ToName(status);

        var refusal = ControlRules.Refuse(action, status, Id, stepFlag);

        Assert.Equal(expected, string.Join(", ", ControlRules.AllowedIn(status, stepFlag).Select(Definitions.EnumNames.ToName)));
        if (allowedNames.Contains(actionName))
        {
            Assert.Null(refusal);
            return;
        }

        Assert.NotNull(refusal);
        Assert.StartsWith($"cannot {actionName} execution {Id}: it is {statusName}", refusal, StringComparison.Ordinal);
        if (status == ExecutionStatus.RolledBack)
        {
            Assert.Contains("which is final: no action is allowed; start a new execution with execute_playbook", refusal, StringComparison.Ordinal);
        }
        else if (status == ExecutionStatus.Paused && stepFlag && action == ControlAction.Resume)
        {
            Assert.Contains("choose retry_step or skip_step for it first", refusal, StringComparison.Ordinal);
        }
        else
        {
            Assert.EndsWith($". In that state the allowed actions are: {expected}.", refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refuse_PauseOfCompleted_GivesTheExactMessage()
    {
        Assert.Equal(
            "cannot pause execution ex-123: it is completed. In that state the allowed actions are: rollback.",
            ControlRules.Refuse(ControlAction.Pause, ExecutionStatus.Completed, Id, hasInterruptedOrFailedStep: false));
    }

    [Fact]
    public void Refuse_ResumeOfPausedWithInterruptedStep_NamesTheWayOut()
    {
        var refusal = ControlRules.Refuse(ControlAction.Resume, ExecutionStatus.Paused, Id, hasInterruptedOrFailedStep: true);

        Assert.Equal(
            "cannot resume execution ex-123: it is paused and a step is interrupted or failed; choose retry_step or skip_step for it first "
                + "(control_execution action retry_step or skip_step with its step_id); either one lets the execution go on.",
            refusal);
    }

    [Theory]
    [InlineData(StepStatus.Failed)]
    [InlineData(StepStatus.Interrupted)]
    [InlineData(StepStatus.Cancelled)]
    public void RefuseStep_RetryableStatus_IsAllowedForRetryAndSkip(StepStatus status)
    {
        Assert.Null(ControlRules.RefuseStep(ControlAction.RetryStep, Id, "restart", status));
        Assert.Null(ControlRules.RefuseStep(ControlAction.SkipStep, Id, "restart", status));
    }

    [Theory]
    [InlineData(StepStatus.Pending, "has not run yet")]
    [InlineData(StepStatus.Running, "wait for it to end")]
    [InlineData(StepStatus.WaitingApproval, "approve_step")]
    [InlineData(StepStatus.Completed, "already succeeded")]
    [InlineData(StepStatus.Skipped, "already skipped")]
    [InlineData(StepStatus.RolledBack, "rolled back")]
    public void RefuseStep_OtherStatus_NamesTheStepItsStatusAndWhy(StepStatus status, string why)
    {
        foreach (var action in new[] { ControlAction.RetryStep, ControlAction.SkipStep })
        {
            var refusal = ControlRules.RefuseStep(action, Id, "restart", status);

            Assert.NotNull(refusal);
            Assert.StartsWith(
                $"cannot {Definitions.EnumNames.ToName(action)} step 'restart' of execution {Id}: the step is {Definitions.EnumNames.ToName(status)}; ",
                refusal,
                StringComparison.Ordinal);
            Assert.Contains(why, refusal, StringComparison.Ordinal);
            Assert.EndsWith("Only a failed, interrupted or cancelled step can be retried or skipped.", refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RefuseStep_ActionThatIsNotAboutAStep_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ControlRules.RefuseStep(ControlAction.Pause, Id, "restart", StepStatus.Failed));
    }
}
