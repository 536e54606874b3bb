using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Execution.Durability;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;

namespace McpPlaybooks.Engine.Tests.Execution.Approvals;

/// <summary>
/// The decisions a person reviewing a gate sees (the approval page, the dashboard's gate panel) are the gate's, whatever
/// the clocks of the processes that opened it and recorded them: opening a gate clears its earlier decisions, so no time
/// needs to tell them apart.
/// </summary>
public sealed class GateReviewDecisionsTests
{
    private const string Quorum = """
        id: review-quorum
        name: Review quorum
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Two people decide", min_approvals: 2 }
            action: log
            with: { message: done }
        """;

    [Fact]
    public async Task WaitingAsync_DecisionRecordedByAProcessWhoseClockIsBehind_IsShownAndCountsAgainstTheSamePerson()
    {
        await using var directory = new SharedDataDirectory();
        var ahead = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddMinutes(1)));
        var parked = await ahead.RunAsync(Flow.Request(Quorum), null, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);
        await directory.CloseAsync(ahead);

        // A process whose clock is a minute behind the one that opened the gate takes the execution over to decide.
        var behind = await directory.OpenAsync(new ManualTimeProvider());
        var decided = await behind.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice"), default);
        Assert.Equal(ExecutionStatus.WaitingApproval, decided.Status);

        var review = Assert.Single(await behind.Gates.WaitingAsync(parked.ExecutionId, ApproverIdentity.Cli("alice"), default));
        Assert.Equal("cli:alice", Assert.Single(review.Decisions).Approver);
        Assert.NotNull(review.Refusal);
        Assert.Null(Assert.Single(await behind.Gates.WaitingAsync(parked.ExecutionId, ApproverIdentity.Cli("bob"), default)).Refusal);
    }
}
