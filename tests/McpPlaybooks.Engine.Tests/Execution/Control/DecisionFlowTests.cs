using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Tests.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

public sealed class DecisionFlowTests
{
    private const string Gated = """
        id: gated
        name: Gated
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Restart it?", approvers: [oncall, alice], min_approvals: 2 }
            action: set
            with: { done: true }
          - id: after
            needs: [risky]
            action: log
            with: { message: after }
        """;

    [Fact]
    public async Task DecideAsync_QuorumReached_TheExecutionGoesOnAndCompletes()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(Gated);
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);

        var first = await harness.Engine.DecideAsync(new ApprovalRequest { ExecutionId = parked.ExecutionId, StepId = "risky", Approve = true, By = TestApprovers.Person("cli:alice"), Comment = "looks fine" }, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, first.Status);
        Assert.Single(Assert.Single(first.PendingApprovals).Decisions);

        await harness.Engine.DecideAsync(new ApprovalRequest { ExecutionId = parked.ExecutionId, StepId = "risky", Approve = true, By = TestApprovers.Person("bob", "oncall") }, default);
        var done = await harness.Engine.WaitAsync(parked.ExecutionId, TimeSpan.FromSeconds(30), default);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(StepStatus.Completed, Step(done, "after").Status);
        var audit = await harness.Engine.History.GetAuditAsync($"{parked.ExecutionId}/risky", default);
        Assert.Equal(2, audit.Count(a => a.Action == "step_approved"));
    }

    [Fact]
    public async Task WaitAsync_AfterADecisionMadeWhileTheDriveParks_WaitsForTheExecutionToGoOn()
    {
        await using var harness = await StartAsync();
        var yaml = Gated.Replace(", min_approvals: 2", "", StringComparison.Ordinal);
        for (var round = 0; round < 40; round++)
        {
            var probe = new ExecutionProbe();
            using var _ = harness.Engine.Observe(null, probe);
            var gateOpen = probe.WhenStep("risky", StepStatus.WaitingApproval);
            var id = (await harness.Engine.StartAsync(Flow.Request(yaml), null, default)).ExecutionId;
            await gateOpen;
            var parking = System.Diagnostics.Stopwatch.StartNew();
            while (parking.Elapsed < TimeSpan.FromMicroseconds(100 * round))
            {
                Thread.SpinWait(20); // a decision at a different moment of the drive's parking each round
            }

            await harness.Engine.DecideAsync(new ApprovalRequest { ExecutionId = id, StepId = "risky", Approve = true, By = TestApprovers.Person("cli:alice") }, default);
            var state = await harness.Engine.WaitAsync(id, TimeSpan.FromSeconds(30), default);

            Assert.True(state.Status == ExecutionStatus.Completed, $"round {round}: {state.Status} right after the gate was approved");
        }
    }

    [Fact]
    public async Task DecideAsync_ApproverNotOnTheList_IsRefusedAndNothingIsRecorded()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(Gated);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.DecideAsync(new ApprovalRequest { ExecutionId = parked.ExecutionId, StepId = "risky", Approve = true, By = TestApprovers.Person("mallory") }, default));

        Assert.Equal(RefusalKind.ApproverNotAllowed, refusal.Kind);
        Assert.Contains("oncall", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.Engine.History.GetDecisionsAsync(parked.ExecutionId, default));
    }

    [Fact]
    public async Task RetryStep_AfterAFailure_RerunsOnlyThatStepAndCompletes()
    {
        await using var harness = await StartAsync();
        var marker = harness.PathOf("fixed");
        var yaml = $$"""
            id: retry-me
            name: Retry me
            version: 1.0.0
            steps:
              - id: first
                action: shell
                with: { command: [sh, -c, "echo ran >> {{harness.PathOf("first.count")}}"] }
              - id: flaky
                needs: [first]
                action: shell
                with: { command: [test, -e, "{{marker}}"] }
              - id: last
                needs: [flaky]
                action: log
                with: { message: done }
            """;
        var failed = await harness.RunAsync(yaml);
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        await File.WriteAllTextAsync(marker, "now it exists");

        await harness.Engine.ControlAsync(new ControlRequest { ExecutionId = failed.ExecutionId, Action = ControlAction.RetryStep, StepId = "flaky", RequestedBy = "test" }, default);
        var done = await harness.Engine.WaitAsync(failed.ExecutionId, TimeSpan.FromSeconds(30), default);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Single(await File.ReadAllLinesAsync(harness.PathOf("first.count")));
        Assert.Equal(2, Step(done, "flaky").Attempts);
    }
}
