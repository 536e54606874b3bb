using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Tests.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>Decisions on gates through the engine: quorum, one person once, separate approver, the approval action, the record.</summary>
public sealed class ApprovalDecisionTests
{
    [Fact]
    public async Task DecideAsync_QuorumOfTwoWithOneRejection_FailsTheStepAndRunsNothing()
    {
        await using var harness = await StartAsync();
        var marker = harness.PathOf("restarted");
        var parked = await harness.RunAsync($$"""
            id: quorum
            name: Quorum
            version: 1.0.0
            steps:
              - id: risky
                approval: { approvers: [alice, bob, carol], min_approvals: 2 }
                action: shell
                with: { command: [touch, "{{marker}}"] }
            """);

        var half = await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice", "fine by me"), default);
        Assert.Equal(ExecutionStatus.WaitingApproval, half.Status);
        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", false, "cli:bob", "not during the sale"), default);
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(ErrorCategory.Authorization, Step(done, "risky").Error!.Category);
        Assert.Contains("rejected by cli:bob: not during the sale", Step(done, "risky").Error!.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
        Assert.Equal([true, false], (await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default)).Select(d => d.Approved));
    }

    [Fact]
    public async Task DecideAsync_SamePersonTwiceUnderTwoSources_IsRefusedAsAlreadyDecided()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync("""
            id: quorum-once
            name: Quorum once
            version: 1.0.0
            steps:
              - id: risky
                approval: { approvers: [alice, bob], min_approvals: 2 }
                action: set
                with: { done: true }
            """);
        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice"), default);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "token:alice"), default));

        Assert.Contains("already approved", refusal.Message, StringComparison.Ordinal);
        Assert.Single(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
        Assert.Equal(ExecutionStatus.WaitingApproval, (await harness.Engine.GetStateAsync(parked.ExecutionId, default))!.Status);
    }

    [Fact]
    public async Task DecideAsync_SeparateApproverAndTheStarter_IsRefusedAndSomeoneElsePasses()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync("""
            id: four-eyes
            name: Four eyes
            version: 1.0.0
            steps:
              - id: risky
                approval: { message: "Go?", separate_approver: true }
                action: set
                with: { done: true }
            """);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:harness"), default));
        Assert.Equal(RefusalKind.ApproverNotAllowed, refusal.Kind);
        Assert.Contains("started this execution (as test:harness)", refusal.Message, StringComparison.Ordinal);

        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice"), default);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);
    }

    [Fact]
    public async Task RunAsync_AutoApproveWithPlaybookSeparateApprover_DoesNotPassTheGateItWaits()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: four-eyes-auto
            name: Four eyes auto
            version: 1.0.0
            safety: { separate_approver: true }
            steps:
              - id: risky
                approval: { message: "Go?" }
                action: set
                with: { done: true }
            """, autoApprove: true);

        Assert.Equal(ExecutionStatus.WaitingApproval, state.Status);
        Assert.True(Assert.Single(state.PendingApprovals).SeparateApprover);
        Assert.Empty(await harness.Engine.History.GetDecisionsAsync(state.ExecutionId, default));
        Assert.Contains(await harness.LogsAsync(state.ExecutionId), l => l.Message.Contains("auto-approve cannot pass this gate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApprovalAction_Approved_OutputsItsDecisionsForLaterSteps()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var parked = await harness.RunAsync("""
            id: approval-action
            name: Approval action
            version: 1.0.0
            steps:
              - id: gate
                action: approval
                with: { message: "Proceed?", approvers: [alice] }
              - id: who
                needs: [gate]
                action: set
                with: { approver: "{{ steps.gate.output.decisions[0].approver }}" }
            """);
        Assert.Equal("Proceed?", Assert.Single(parked.PendingApprovals).Message);
        clock.Advance(TimeSpan.FromMinutes(2));

        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "gate", true, "cli:alice", "ok"), default);
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var decision = Assert.Single(Step(done, "gate").Output.AsObject()["decisions"].AsList()).AsObject();
        Assert.Equal("cli:alice", decision["approver"].AsString());
        Assert.Equal("approve", decision["decision"].AsString());
        Assert.Equal("ok", decision["comment"].AsString());
        Assert.Equal(ManualTimeProvider.DefaultStart.AddMinutes(2), DateTimeOffset.Parse(decision["at"].AsString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("cli:alice", Step(done, "who").Output.AsObject()["approver"].AsString());
    }

    [Fact]
    public async Task DecideAsync_EachDecision_IsRecordedWithWhoWhenAndCommentInDecisionsAndAudit()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var parked = await harness.RunAsync("""
            id: recorded
            name: Recorded
            version: 1.0.0
            steps:
              - id: risky
                approval: { approvers: [alice, bob], min_approvals: 2 }
                action: set
                with: { done: true }
            """);

        clock.Advance(TimeSpan.FromMinutes(3));
        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice", "checked the graphs"), default);
        clock.Advance(TimeSpan.FromMinutes(4));
        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", false, "cli:bob", "wait for the backup"), default);
        await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        var decisions = await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default);
        Assert.Equal(
            [("cli:alice", true, "checked the graphs", ManualTimeProvider.DefaultStart.AddMinutes(3)), ("cli:bob", false, "wait for the backup", ManualTimeProvider.DefaultStart.AddMinutes(7))],
            decisions.Select(d => (d.Approver, d.Approved, d.Comment, d.At)));
        // The rejection failed the step, and the run stops: the engine audits that failure after it.
        var audit = await harness.Engine.History.GetAuditAsync($"{parked.ExecutionId}/risky", default);
        Assert.Equal(
            [
                ("cli:alice", "step_approved", ManualTimeProvider.DefaultStart.AddMinutes(3)),
                ("cli:bob", "step_rejected", ManualTimeProvider.DefaultStart.AddMinutes(7)),
                ("engine", "step_failed", ManualTimeProvider.DefaultStart.AddMinutes(7)),
            ],
            audit.Select(a => (a.Actor, a.Action, a.At)));
        using var detail = JsonDocument.Parse(audit[1].DetailJson!);
        Assert.Equal("wait for the backup", detail.RootElement.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task DecideAsync_StepNotWaiting_IsRefusedWithNoPendingGateAndNamesTheOpenGates()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync("""
            id: no-pending
            name: No pending
            version: 1.0.0
            steps:
              - id: before
                action: log
                with: { message: before }
              - id: risky
                needs: [before]
                approval: { message: "Go?" }
                action: set
                with: { done: true }
            """);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.DecideAsync(Decision(parked.ExecutionId, "before", true, "alice"), default));
        var start = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.DecideAsync(Decision(parked.ExecutionId, "_start", true, "alice"), default));
        var unknown = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.DecideAsync(Decision(parked.ExecutionId, "nope", true, "alice"), default));

        Assert.Equal(RefusalKind.NoPendingGate, refusal.Kind);
        Assert.Contains("step 'before' is completed, not waiting for approval", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("the gates waiting for a decision are: risky", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(RefusalKind.NoPendingGate, start.Kind);
        Assert.Equal(RefusalKind.UnknownStep, unknown.Kind);
        Assert.Empty(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
    }

    [Fact]
    public async Task DecideAsync_GateAlreadyDecidedAndExecutionEnded_IsRefusedWithNoPendingGate()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync("""
            id: decided
            name: Decided
            version: 1.0.0
            steps:
              - id: risky
                approval: { message: "Go?" }
                action: set
                with: { done: true }
            """);
        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "alice"), default);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", false, "bob"), default));

        Assert.Equal(RefusalKind.NoPendingGate, refusal.Kind);
        Assert.Contains("it has no gate waiting for a decision", refusal.Message, StringComparison.Ordinal);
        Assert.Single(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
        Assert.Equal(ExecutionStatus.Completed, (await harness.Engine.GetStateAsync(parked.ExecutionId, default))!.Status);
    }

    [Fact]
    public async Task DecideAsync_MadeOnAGateReachedAgainSince_IsRefusedAndOnTheGateAsItIsNowDecides()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync("""
            id: reached-again
            name: Reached again
            version: 1.0.0
            steps:
              - id: risky
                approval: { approvers: [alice] }
                action: log
                with: { message: "done" }
            """);
        var seen = Assert.Single(parked.PendingApprovals).CreatedAt;
        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", false, "cli:alice"), default);
        Assert.Equal(ExecutionStatus.Failed, (await Flow.SettleAsync(harness.Engine, parked.ExecutionId)).Status);
        await harness.Engine.ControlAsync(new ControlRequest { ExecutionId = parked.ExecutionId, Action = ControlAction.RetryStep, StepId = "risky", RequestedBy = "test" }, default);
        var again = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);
        var now = Assert.Single(again.PendingApprovals).CreatedAt;

        var stale = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice") with { GateOpenedAt = seen }, default));
        var decided = await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "cli:alice") with { GateOpenedAt = now }, default);

        Assert.Equal(RefusalKind.NoPendingGate, stale.Kind);
        Assert.Contains("was reached again", stale.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(harness.Engine, decided.ExecutionId)).Status);
        Assert.True(Assert.Single(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default)).Approved);
    }

    internal static ApprovalRequest Decision(string executionId, string stepId, bool approve, string approver, string? comment = null) =>
        new() { ExecutionId = executionId, StepId = stepId, Approve = approve, By = TestApprovers.Person(approver), Comment = comment };
}
