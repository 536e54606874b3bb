using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Tests.Execution.Control;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A parent whose <c>playbook</c> step waits for a child parked at its gate (directly, or through a middle child), seen by
/// an engine that does not hold it: it shows the child's gate among the parent's pending approvals as the owner does, its
/// wait returns as the owner's does (the parent is parked through its children), and it decides the gate through the
/// parent's id, the decision reaching the child's owner once. Before, it showed no gate, waited out its whole timeout and
/// refused the decision ("has no step 'c2'").
/// </summary>
public sealed class ChildGatesElsewhereTests
{
    private const string Child = """
        id: gated-child
        name: Gated child
        version: 1.0.0
        inputs:
          service: { type: string }
        steps:
          - id: c2
            approval: { message: "Restart {{ inputs.service }}?" }
            action: set
            with: { done: true }
        """;

    private const string Middle = """
        id: middle-child
        name: Middle child
        version: 1.0.0
        steps:
          - id: inner
            action: playbook
            with: { id: gated-child, inputs: { service: web } }
        """;

    private const string Parent = """
        id: parent-of-gated-child
        name: Parent of a gated child
        version: 1.0.0
        steps:
          - id: call
            action: playbook
            with: { id: gated-child, inputs: { service: web } }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetStateAsync_ParentAnotherEngineHolds_ShowsItsChildsGateAsTheOwnerDoes(bool nested)
    {
        await using var directory = new SharedDataDirectory();
        var (owner, parent, owned) = await ParkedThroughChildAsync(directory, nested);
        var other = await directory.OpenAsync(playbooks: true);

        var read = (await other.GetStateAsync(parent, default))!;
        var shown = (await StoredExecutionState.LoadAsync(other.History, parent, default))!;

        Assert.Empty(other.LastResume.Resumed);
        Assert.True(owner.Holds(parent));
        var gate = Assert.Single(owned.PendingApprovals);
        Assert.Equal(("c2", "Restart web?", "Restart {{ inputs.service }}?"), (gate.StepId, gate.Message, gate.MessageTemplate));
        Assert.NotEqual(parent, gate.ExecutionId);
        foreach (var state in new[] { read, shown })
        {
            Assert.Equal(ExecutionStatus.Running, state.Status);
            Assert.Equal(
                owned.PendingApprovals.Select(g => (g.ExecutionId, g.StepId, g.Message, g.MessageTemplate, string.Join(",", g.Approvers), g.Decisions.Count)),
                state.PendingApprovals.Select(g => (g.ExecutionId, g.StepId, g.Message, g.MessageTemplate, string.Join(",", g.Approvers), g.Decisions.Count)));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WaitAsync_ParentAnotherEngineHoldsWaitsOnlyForItsParkedChild_ReturnsWithTheChildsGate(bool nested)
    {
        await using var directory = new SharedDataDirectory();
        var (_, parent, owned) = await ParkedThroughChildAsync(directory, nested);
        var other = await directory.OpenAsync(playbooks: true);

        // No timeout of the wait's own: it returns because the parent is parked through its child, or the test's bound fails it.
        var waited = await Flow.SettleAsync(other, parent);

        Assert.Equal(ExecutionStatus.Running, waited.Status);
        Assert.Equal(owned.PendingApprovals.Select(g => (g.ExecutionId, g.StepId)), waited.PendingApprovals.Select(g => (g.ExecutionId, g.StepId)));
    }

    [Fact]
    public async Task DecideAsync_ChildsGateThroughTheParentsIdOnAnotherEngine_ReachesTheChildsOwnerOnce()
    {
        await using var directory = new SharedDataDirectory();
        var (owner, parent, owned) = await ParkedThroughChildAsync(directory, nested: false);
        var child = Assert.Single(owned.PendingApprovals).ExecutionId!;
        var other = await directory.OpenAsync(playbooks: true);

        var answered = await other.DecideAsync(Decision(parent, "c2", true, "alice"), default);
        var done = await Flow.SettleAsync(owner, parent);

        Assert.Equal(parent, answered.ExecutionId);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var decision = Assert.Single(await other.History.GetDecisionsAsync(child, default));
        Assert.Equal(("c2", true), (decision.StepId, decision.Approved));
        Assert.Empty(await other.History.GetDecisionsAsync(parent, default));
    }

    /// <summary>
    /// The child is paused (here at its gate; after a crash, at an interrupted step): a person must move it on. The parent,
    /// read by its owner or off it, shows the child paused in the step that waits for it, and its next actions point at
    /// the child. Before, read from history, the step showed no output and the next actions only said to follow the parent.
    /// </summary>
    [Fact]
    public async Task GetState_ChildPaused_TheParentsStepShowsItAndItsNextActionsPointAtTheChild()
    {
        await using var directory = new SharedDataDirectory();
        var (owner, parent, owned) = await ParkedThroughChildAsync(directory, nested: false);
        var child = Assert.Single(owned.PendingApprovals).ExecutionId!;
        await owner.ControlAsync(PauseAndCancelTests.Ask(child, ControlAction.Pause), default);
        Assert.Equal(ExecutionStatus.Paused, (await Flow.SettleAsync(owner, child)).Status);
        var other = await directory.OpenAsync(playbooks: true);

        var fromHistory = (await StoredExecutionState.LoadAsync(other.History, parent, default))!;
        var offOwner = (await other.GetStateAsync(parent, default))!;

        foreach (var state in new[] { fromHistory, offOwner })
        {
            var call = Assert.Single(state.Steps);
            Assert.Equal(StepStatus.Running, call.Status);
            Assert.Equal(child, ShownChild.PausedOf(call));
            var next = state.NextActions[0];
            Assert.Equal("get_execution", next.Tool);
            Assert.Equal(child, next.Arguments.AsObject()["execution_id"].AsString());
            Assert.Contains($"step 'call' waits for child execution {child}, which is paused", next.Why, StringComparison.Ordinal);
        }
    }

    /// <summary>Opens the owner and starts the parent; returns once the parent waits only for its child (or grandchild) parked at c2.</summary>
    private static async Task<(PlaybookEngine Owner, string Parent, ExecutionState Owned)> ParkedThroughChildAsync(SharedDataDirectory directory, bool nested)
    {
        Directory.CreateDirectory(directory.PathOf("playbooks"));
        await File.WriteAllTextAsync(directory.PathOf("playbooks/gated-child.yaml"), Child);
        await File.WriteAllTextAsync(directory.PathOf("playbooks/middle-child.yaml"), Middle);
        var owner = await directory.OpenAsync(playbooks: true);
        var yaml = nested ? Parent.Replace("{ id: gated-child, inputs: { service: web } }", "{ id: middle-child }", StringComparison.Ordinal) : Parent;
        var parent = (await owner.StartAsync(Flow.Request(yaml), null, default)).ExecutionId;
        var owned = await Flow.SettleAsync(owner, parent);
        Assert.Equal(ExecutionStatus.Running, owned.Status);
        return (owner, parent, owned);
    }
}
