using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.History.Records;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary><c>safety.require_approval</c>: the gate <c>_start</c> before the first step.</summary>
public sealed class StartGateTests
{
    private static string Guarded(string marker) => $$$"""
        id: guarded
        name: Guarded
        version: 1.0.0
        safety: { require_approval: true }
        steps:
          - id: first
            action: shell
            with: { command: [touch, "{{{marker}}}"] }
        finally:
          - action: log
            with: { message: "finally: {{ execution.status }}" }
        """;

    [Fact]
    public async Task RunAsync_RequireApproval_ParksBeforeTheFirstStepAndApprovalRunsIt()
    {
        await using var harness = await StartAsync();
        var marker = harness.PathOf("first.ran");
        var parked = await harness.RunAsync(Guarded(marker));

        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);
        Assert.Equal(ApprovalGates.StartGateId, Assert.Single(parked.PendingApprovals).StepId);
        Assert.Equal(StepStatus.Pending, Step(parked, "first").Status);
        Assert.False(File.Exists(marker));

        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, ApprovalGates.StartGateId, true, "cli:alice", "go"), default);
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.True(File.Exists(marker));
        Assert.Equal(ApprovalStatus.Approved, Assert.Single(await harness.Engine.History.GetApprovalsAsync(parked.ExecutionId, default)).Status);
        Assert.Equal("step_approved", Assert.Single(await harness.Engine.History.GetAuditAsync($"{parked.ExecutionId}/_start", default)).Action);
    }

    [Fact]
    public async Task RunAsync_RequireApprovalRejected_FailsWithoutRunningAnyStepAndFinallyRuns()
    {
        await using var harness = await StartAsync();
        var marker = harness.PathOf("first.ran");
        var parked = await harness.RunAsync(Guarded(marker));

        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, ApprovalGates.StartGateId, false, "cli:alice", "wrong cluster"), default);
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(ErrorCategory.Authorization, done.Error!.Category);
        Assert.Equal("the start was rejected by cli:alice: wrong cluster", done.Error.Message);
        Assert.False(File.Exists(marker));
        Assert.NotEqual(StepStatus.Completed, Step(done, "first").Status);
        Assert.Contains("finally: failed", (await harness.LogsAsync(parked.ExecutionId)).Select(l => l.Message));
        Assert.Equal(ApprovalStatus.Rejected, Assert.Single(await harness.Engine.History.GetApprovalsAsync(parked.ExecutionId, default)).Status);
    }

    [Fact]
    public async Task RunAsync_RequireApprovalWithAutoApprove_PassesOnTheRecordAsTheStarter()
    {
        await using var harness = await StartAsync();
        var marker = harness.PathOf("first.ran");
        var done = await harness.RunAsync(Guarded(marker), autoApprove: true);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.True(File.Exists(marker));
        var decision = Assert.Single(await harness.Engine.History.GetDecisionsAsync(done.ExecutionId, default));
        Assert.Equal(("_start", "test:harness", true), (decision.StepId, decision.Approver, decision.Approved));
    }

    [Fact]
    public async Task RunAsync_RequireApprovalOfAPlaybookWithAHugeName_BoundsTheStartGatesMessage()
    {
        await using var harness = await StartAsync();
        var name = "Restart " + new string('x', 3000);
        var parked = await harness.RunAsync(Guarded(harness.PathOf("first.ran")).Replace("name: Guarded", $"name: {name}", StringComparison.Ordinal));

        var gate = Assert.Single(parked.PendingApprovals);
        Assert.StartsWith("Start 'Restart xxx", gate.Message, StringComparison.Ordinal);
        Assert.EndsWith("characters cut]", gate.Message, StringComparison.Ordinal);
        Assert.InRange(gate.Message.Length, GateMessage.MaxChars, GateMessage.MaxChars + 30);
        Assert.Null(gate.MessageTemplate);
        Assert.Equal(gate.Message, Assert.Single(await harness.Engine.History.GetApprovalsAsync(parked.ExecutionId, default)).Message);
    }
}
