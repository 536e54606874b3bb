using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.Hosting;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Tests.Execution.Hosting;

/// <summary>A decision queued for another process arrives as it was made: its decider, comment and the gate it was made on.</summary>
public sealed class RemoteRequestsTests
{
    [Fact]
    public void Parse_AQueuedDecision_KeepsTheGateItWasMadeOn()
    {
        var opened = new DateTimeOffset(2026, 12, 7, 18, 30, 1, 234, TimeSpan.Zero).AddTicks(5678);
        var decision = new ApprovalRequest
        {
            ExecutionId = "ex-1",
            StepId = "risky",
            Approve = true,
            By = new ApproverIdentity { Channel = ApprovalChannel.Link, Identity = "link:alice", Name = "alice" },
            Comment = "fine",
            GateOpenedAt = opened,
        };

        var parsed = Assert.IsType<ApprovalRequest>(RemoteRequests.Parse(Record(decision)));
        var unpinned = Assert.IsType<ApprovalRequest>(RemoteRequests.Parse(Record(decision with { GateOpenedAt = null })));

        Assert.Equal((opened, "fine", "alice", ApprovalChannel.Link), (parsed.GateOpenedAt, parsed.Comment, parsed.By.Name, parsed.By.Channel));
        Assert.Null(unpinned.GateOpenedAt);
    }

    private static ControlRequestRecord Record(ApprovalRequest decision) => new()
    {
        ExecutionId = decision.ExecutionId,
        Action = "approve",
        PayloadJson = RemoteRequests.Payload(decision).ToJson(),
        RequestedBy = decision.Approver,
        RequestedAt = DateTimeOffset.UnixEpoch,
    };
}
