using McpPlaybooks.Engine.Execution;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

public sealed class ApprovalGateTests
{
    private const string Gated = """
        id: gated
        name: Gated
        version: 1.0.0
        steps:
          - id: before
            action: log
            with: { message: before }
          - id: risky
            needs: [before]
            approval: { message: "Restart it?", approvers: [oncall], timeout: 15m }
            action: set
            with: { done: true }
          - id: independent
            action: log
            with: { message: independent }
        """;

    [Fact]
    public async Task RunAsync_GateWithoutAutoApprove_ParksTheExecutionWithThePendingApproval()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync(Gated);

        Assert.Equal(ExecutionStatus.WaitingApproval, state.Status);
        Assert.Equal(StepStatus.WaitingApproval, Step(state, "risky").Status);
        Assert.Equal(StepStatus.Completed, Step(state, "independent").Status);
        var pending = Assert.Single(state.PendingApprovals);
        Assert.Equal("risky", pending.StepId);
        Assert.Equal("Restart it?", pending.Message);
        Assert.NotNull(pending.ExpiresAt);
        var next = state.NextActions[0];
        Assert.Equal("approve_step", next.Tool);
        Assert.Contains(state.NextActions, a => a.Tool == "control_execution" && a.Arguments.AsObject()["action"].AsString() == "cancel");
        Assert.Equal("risky", next.Arguments.AsObject()["step_id"].AsString());
    }

    [Fact]
    public async Task RunAsync_AutoApproveByAStarterTheGateNames_PassesTheGateOnTheRecord()
    {
        await using var harness = await StartAsync();
        var yaml = Gated.Replace("approvers: [oncall]", "approvers: [test:harness]", StringComparison.Ordinal);
        var state = await harness.RunAsync(yaml, autoApprove: true);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(StepStatus.Completed, Step(state, "risky").Status);
        var audit = await harness.Engine.History.GetAuditAsync($"{state.ExecutionId}/risky", CancellationToken.None);
        var approved = Assert.Single(audit);
        Assert.Equal("step_approved", approved.Action);
        Assert.Equal("test:harness", approved.Actor);
    }

    [Fact]
    public async Task RunAsync_AutoApproveByAStarterTheGateDoesNotName_WaitsForAPerson()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync(Gated, autoApprove: true);

        Assert.Equal(ExecutionStatus.WaitingApproval, state.Status);
        Assert.Empty(await harness.Engine.History.GetDecisionsAsync(state.ExecutionId, CancellationToken.None));
        Assert.Contains(await harness.LogsAsync(state.ExecutionId), log => log.Message.Contains("auto-approve cannot pass this gate: its approvers (oncall) do not name test:harness", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AutoApproveOnAGateThatNeedsTwoApprovals_WaitsForPeople()
    {
        // One person cannot make up a quorum: it passed on one auto-approval, recorded as approved at 1 of 2.
        await using var harness = await StartAsync();
        var yaml = Gated.Replace("approvers: [oncall]", "approvers: [test:harness, oncall], min_approvals: 2", StringComparison.Ordinal);
        var state = await harness.RunAsync(yaml, autoApprove: true);

        Assert.Equal(ExecutionStatus.WaitingApproval, state.Status);
        Assert.Empty(await harness.Engine.History.GetDecisionsAsync(state.ExecutionId, CancellationToken.None));
        Assert.Contains(await harness.LogsAsync(state.ExecutionId), log => log.Message.Contains("auto-approve cannot pass this gate: it needs 2 approvals, from as many people, and auto-approve is one", StringComparison.Ordinal));
    }
}
