using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A parent whose process died while its <c>playbook</c> step waited for the child: the engine that takes the parent over
/// attaches the step to that child, whatever became of it meanwhile, and starts no second one; a <c>retry_step</c> does.
/// </summary>
public sealed class ChildTakeoverTests
{
    /// <summary>A shell step that leaves a mark in <c>inputs.mark</c>, then a gate.</summary>
    private const string Child = """
        id: marked-child
        name: Marked child
        version: 1.0.0
        inputs:
          mark: { type: string }
        steps:
          - id: mark
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/bin/sh, -c, "echo x >> \"$0\"", "{{ inputs.mark }}"] }
          - id: gate
            needs: [mark]
            approval: { message: "Child go?" }
            action: set
            with: { done: true }
        outputs:
          done: "{{ steps.gate.output.done }}"
        """;

    private const string Parent = """
        id: parent-of-marked-child
        name: Parent of a marked child
        version: 1.0.0
        inputs:
          mark: { type: string }
        steps:
          - id: call
            action: playbook
            with: { id: marked-child, inputs: { mark: "{{ inputs.mark }}" } }
        """;

    [Fact]
    public async Task OpenAsync_ChildFailedWhileItsParentsProcessWasGone_ParentStepTakesTheChildsFailureAndStartsNoOther()
    {
        await using var directory = new SharedDataDirectory();
        var (parent, child) = await ChildDecidedWhileItsParentWasGoneAsync(directory, approve: false);

        var third = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)), playbooks: true);
        var done = await EndedOrSecondChildAsync(third, parent);

        Assert.Equal([child], (await third.History.ListChildrenAsync(parent, default)).Select(c => c.Id));
        Assert.Equal(1, Marks(directory));
        Assert.Equal(ExecutionStatus.Failed, done.Status);
        var call = Step(done, "call");
        Assert.Equal(StepStatus.Failed, call.Status);
        Assert.Contains($"child execution {child} (marked-child) ended failed", call.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(child, call.Output.AsObject()["execution_id"].AsString());
    }

    [Fact]
    public async Task OpenAsync_ChildCompletedWhileItsParentsProcessWasGone_ParentStepTakesItsOutputs()
    {
        await using var directory = new SharedDataDirectory();
        var (parent, child) = await ChildDecidedWhileItsParentWasGoneAsync(directory, approve: true);

        var third = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)), playbooks: true);
        var done = await EndedOrSecondChildAsync(third, parent);

        Assert.Equal([child], (await third.History.ListChildrenAsync(parent, default)).Select(c => c.Id));
        Assert.Equal(1, Marks(directory));
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.True(Step(done, "call").Output.AsObject()["outputs"].AsObject()["done"].AsBoolean());
    }

    [Fact]
    public async Task RetryStep_ParentStepWhoseChildFailed_StartsASecondChild()
    {
        await using var directory = new SharedDataDirectory();
        var (parent, child) = await ChildDecidedWhileItsParentWasGoneAsync(directory, approve: false);
        var third = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)), playbooks: true);
        Assert.Equal(ExecutionStatus.Failed, (await EndedOrSecondChildAsync(third, parent)).Status);

        await third.ControlAsync(PauseAndCancelTests.Ask(parent, ControlAction.RetryStep, "call"), default);
        var second = await SecondChildParkedAsync(third, parent, child);
        await third.DecideAsync(Decision(second, "gate", true, "alice"), default);
        var done = await Flow.SettleAsync(third, parent);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(second, Step(done, "call").Output.AsObject()["execution_id"].AsString());
        Assert.Equal(2, Marks(directory));
    }

    /// <summary>
    /// The parent's process stops while its child waits at the gate (the parent keeps its lease, the child is let go);
    /// a second engine, within the parent's lease, takes the child over and decides its gate, then stops too. Returns
    /// the two ids; the child has ended, the parent's <c>call</c> is still recorded running.
    /// </summary>
    private static async Task<(string Parent, string Child)> ChildDecidedWhileItsParentWasGoneAsync(SharedDataDirectory directory, bool approve)
    {
        Directory.CreateDirectory(directory.PathOf("playbooks"));
        await File.WriteAllTextAsync(directory.PathOf("playbooks/marked-child.yaml"), Child);
        var first = await directory.OpenAsync(new ManualTimeProvider(), playbooks: true);
        var probe = new ExecutionProbe();
        using (first.Observe(null, probe))
        {
            var parked = probe.WhenExecution(s => s.PlaybookId == "marked-child" && s.Status == ExecutionStatus.WaitingApproval);
            var parent = (await first.StartAsync(Flow.Request(Parent, new Dictionary<string, Value> { ["mark"] = Value.From(directory.PathOf("mark")) }), null, default)).ExecutionId;
            var child = (await parked).ExecutionId;
            await Flow.SettleAsync(first, child); // its drive has ended: the close lets it go
            await directory.CloseAsync(first);

            var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(1)), playbooks: true);
            Assert.Equal([child], second.LastResume.Resumed);
            await second.DecideAsync(Decision(child, "gate", approve, "alice"), default);
            Assert.True((await Flow.SettleAsync(second, child)).Status.IsFinal());
            await directory.CloseAsync(second);
            return (parent, child);
        }
    }

    /// <summary>The parent's state once it has ended, or as it is when a second child of it exists (the failure shown).</summary>
    private static async Task<ExecutionState> EndedOrSecondChildAsync(PlaybookEngine engine, string parent)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var state = (await engine.GetStateAsync(parent, bound.Token))!;
            if (state.Status.IsFinal() || (await engine.History.ListChildrenAsync(parent, bound.Token)).Count > 1)
            {
                return state;
            }

            await Task.Delay(10, bound.Token);
        }
    }

    /// <summary>The id of the parent's child other than <paramref name="first"/>, once it waits at its gate.</summary>
    private static async Task<string> SecondChildParkedAsync(PlaybookEngine engine, string parent, string first)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var children = await engine.History.ListChildrenAsync(parent, bound.Token);
            if (children.FirstOrDefault(c => c.Id != first && c.Status == ExecutionStatus.WaitingApproval) is { } second)
            {
                return second.Id;
            }

            await Task.Delay(10, bound.Token);
        }
    }

    /// <summary>How many times the child's <c>mark</c> ran.</summary>
    private static int Marks(SharedDataDirectory directory) => directory.Lines("mark");
}
