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

    /// <summary>The child, beside a 60 s wait on the engine's clock: a parent that waits for more than its parked child keeps its lease when its engine stops.</summary>
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
          - id: linger
            action: wait
            with: { duration: 60s }
        """;

    [Fact]
    public async Task OpenAsync_ChildFailedWhileItsParentsProcessWasGone_ParentStepTakesTheChildsFailureAndStartsNoOther()
    {
        await using var directory = new SharedDataDirectory();
        var (parent, child) = await ChildDecidedWhileItsParentWasGoneAsync(directory, approve: false);

        var (third, later) = await TakeOverAsync(directory);
        var ended = await CallEndedOrSecondChildAsync(third, parent);

        Assert.Equal([child], (await third.History.ListChildrenAsync(parent, default)).Select(c => c.Id));
        Assert.Equal(1, Marks(directory));
        var call = Step(ended, "call");
        Assert.Equal(StepStatus.Failed, call.Status);
        Assert.Contains($"child execution {child} (marked-child) ended failed", call.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(child, call.Output.AsObject()["execution_id"].AsString());
        Assert.Equal(ExecutionStatus.Failed, (await TakeoverTests.CompleteWaitAsync(third, later, parent)).Status);
    }

    [Fact]
    public async Task OpenAsync_ChildCompletedWhileItsParentsProcessWasGone_ParentStepTakesItsOutputs()
    {
        await using var directory = new SharedDataDirectory();
        var (parent, child) = await ChildDecidedWhileItsParentWasGoneAsync(directory, approve: true);

        var (third, later) = await TakeOverAsync(directory);
        var ended = await CallEndedOrSecondChildAsync(third, parent);

        Assert.Equal([child], (await third.History.ListChildrenAsync(parent, default)).Select(c => c.Id));
        Assert.Equal(1, Marks(directory));
        Assert.True(Step(ended, "call").Output.AsObject()["outputs"].AsObject()["done"].AsBoolean());
        Assert.Equal(ExecutionStatus.Completed, (await TakeoverTests.CompleteWaitAsync(third, later, parent)).Status);
    }

    [Fact]
    public async Task CloseAsync_ParentThatWaitsOnlyForItsParkedChild_IsLetGoAndTheNextEngineGoesOnWithTheSameChild()
    {
        await using var directory = new SharedDataDirectory();
        Directory.CreateDirectory(directory.PathOf("playbooks"));
        await File.WriteAllTextAsync(directory.PathOf("playbooks/marked-child.yaml"), Child);
        var first = await directory.OpenAsync(playbooks: true);
        var parentYaml = Parent[..Parent.IndexOf("  - id: linger", StringComparison.Ordinal)];
        var parent = (await first.StartAsync(Flow.Request(parentYaml, new Dictionary<string, Value> { ["mark"] = Value.From(directory.PathOf("mark")) }), null, default)).ExecutionId;
        var waiting = await Flow.SettleAsync(first, parent);
        var child = Assert.Single(waiting.PendingApprovals).ExecutionId!;
        await directory.CloseAsync(first);

        // At once, not once a lease has run out: the close let both go.
        var second = await directory.OpenAsync(playbooks: true);
        Assert.Equal(new[] { child, parent }.Order(StringComparer.Ordinal), second.LastResume.Resumed.Order(StringComparer.Ordinal));
        await second.DecideAsync(Decision(child, "gate", true, "alice"), default);
        var done = await Flow.SettleAsync(second, parent);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal([child], (await second.History.ListChildrenAsync(parent, default)).Select(c => c.Id));
        Assert.Equal(1, Marks(directory));
    }

    [Fact]
    public async Task RetryStep_ParentStepWhoseChildFailed_StartsASecondChild()
    {
        await using var directory = new SharedDataDirectory();
        var (parent, child) = await ChildDecidedWhileItsParentWasGoneAsync(directory, approve: false);
        var (third, later) = await TakeOverAsync(directory);
        Assert.Equal(StepStatus.Failed, Step(await CallEndedOrSecondChildAsync(third, parent), "call").Status);
        Assert.Equal(ExecutionStatus.Failed, (await TakeoverTests.CompleteWaitAsync(third, later, parent)).Status);

        await third.ControlAsync(PauseAndCancelTests.Ask(parent, ControlAction.RetryStep, "call"), default);
        var second = await SecondChildParkedAsync(third, parent, child);
        await third.DecideAsync(Decision(second, "gate", true, "alice"), default);
        var done = await Flow.SettleAsync(third, parent);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(second, Step(done, "call").Output.AsObject()["execution_id"].AsString());
        Assert.Equal(2, Marks(directory));
    }

    [Fact]
    public async Task OpenAsync_RetryChildStartedByAProcessWhoseClockWasBehind_TakeoverAttachesToItNotAThird()
    {
        // The latest child was the one created last by its writer's clock: a retry's child started by a process an hour
        // behind read as older than the first, failed, child, so the takeover started a third beside the second. The call's
        // retry never fires (the child fails with category unknown): it leaves room under max_attempts for the attempt the
        // takeover makes again, which the first attempt's failure takes (RunsInFlight tells runs apart by the clocks).
        await using var directory = new SharedDataDirectory();
        Directory.CreateDirectory(directory.PathOf("playbooks"));
        await File.WriteAllTextAsync(directory.PathOf("playbooks/checked-child.yaml"), """
            id: checked-child
            name: Checked child
            version: 1.0.0
            inputs:
              dir: { type: string }
            steps:
              - id: check
                action: shell
                with: { command: [/bin/sh, -c, "test -e \"$0/ok\"", "{{ inputs.dir }}"] }
              - id: linger
                needs: [check]
                action: wait
                with: { duration: 60s }
            """);
        var ahead = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddHours(1)), playbooks: true);
        var failed = await ahead.RunAsync(Flow.Request("""
            id: parent-of-checked-child
            name: Parent of a checked child
            version: 1.0.0
            inputs:
              dir: { type: string }
            steps:
              - id: call
                action: playbook
                retry: { max_attempts: 2, backoff: fixed, delay: 0s, jitter: false, retry_on: [timeout] }
                with: { id: checked-child, inputs: { dir: "{{ inputs.dir }}" } }
            """, new Dictionary<string, Value> { ["dir"] = Value.From(directory.PathOf("")) }), null, default);
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        var parent = failed.ExecutionId;
        var first = Assert.Single(await ahead.History.ListChildrenAsync(parent, default)).Id;
        await directory.CloseAsync(ahead);

        File.WriteAllText(directory.PathOf("ok"), "");
        var behind = await directory.OpenAsync(new ManualTimeProvider(), playbooks: true);
        await behind.ControlAsync(PauseAndCancelTests.Ask(parent, ControlAction.RetryStep, "call"), default);
        string? second;
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while ((second = (await behind.History.ListChildrenAsync(parent, bound.Token)).FirstOrDefault(c => c.Id != first)?.Id) is null)
            {
                await Task.Delay(10, bound.Token);
            }
        }

        await TakeoverTests.AttemptRecordedAsync(behind, second, attempt => attempt.StepId == "linger");
        var later = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20));
        await directory.CloseAsync(behind);
        var third = await directory.OpenAsync(later, playbooks: true);
        var done = await TakeoverTests.CompleteWaitAsync(third, later, parent);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(second, Step(done, "call").Output.AsObject()["execution_id"].AsString());
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), (await third.History.ListChildrenAsync(parent, default)).Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_ParentWithACancelRecordedAndNotCarriedOut_CancelsItsChildToo()
    {
        // In its own process the cancel reached the child through the parent step's wait; at a takeover nothing waited for
        // it, and the child ran on (found by a review helper with kill -9: the child's next step ran after the parent ended).
        await using var directory = new SharedDataDirectory();
        Directory.CreateDirectory(directory.PathOf("playbooks"));
        await File.WriteAllTextAsync(directory.PathOf("playbooks/slow-child.yaml"), """
            id: slow-child
            name: Slow child
            version: 1.0.0
            inputs:
              mark: { type: string }
            steps:
              - id: hold
                action: wait
                with: { duration: 60s }
              - id: after
                needs: [hold]
                action: shell
                with: { command: [/bin/sh, -c, "echo x >> \"$0\"", "{{ inputs.mark }}"] }
            """);
        var first = await directory.OpenAsync(new ManualTimeProvider(), playbooks: true);
        var parent = (await first.StartAsync(Flow.Request("""
            id: parent-of-slow-child
            name: Parent of a slow child
            version: 1.0.0
            inputs:
              mark: { type: string }
            steps:
              - id: call
                action: playbook
                with: { id: slow-child, inputs: { mark: "{{ inputs.mark }}" } }
            """, new Dictionary<string, Value> { ["mark"] = Value.From(directory.PathOf("mark")) }), null, default)).ExecutionId;
        string child;
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            IReadOnlyList<ExecutionRecord> children;
            while ((children = await first.History.ListChildrenAsync(parent, bound.Token)).Count == 0)
            {
                await Task.Delay(10, bound.Token);
            }

            child = children[0].Id;
        }

        await TakeoverTests.AttemptRecordedAsync(first, child, attempt => attempt.StepId == "hold");
        await first.History.WriteAsync(PendingRequestTakeoverTests.Audit("cancel", "execution", parent));
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)), playbooks: true);

        Assert.Equal(ExecutionStatus.Cancelled, (await Flow.SettleAsync(second, parent)).Status);
        var ended = await Flow.SettleAsync(second, child);
        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        Assert.Equal(StepStatus.NotRun, Step(ended, "after").Status);
        Assert.Equal(0, Marks(directory));
    }

    /// <summary>
    /// The parent's process stops while its child waits at the gate (the parent, which waits for its <c>linger</c> too, keeps
    /// its lease; the child is let go);
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
            await TakeoverTests.AttemptRecordedAsync(first, parent, attempt => attempt.StepId == "linger");
            await directory.CloseAsync(first);

            var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(1)), playbooks: true);
            Assert.Equal([child], second.LastResume.Resumed);
            await second.DecideAsync(Decision(child, "gate", approve, "alice"), default);
            Assert.True((await Flow.SettleAsync(second, child)).Status.IsFinal());
            await directory.CloseAsync(second);
            return (parent, child);
        }
    }

    /// <summary>Opens the engine that takes the parent over, 20 s on (the first engine's lease has ended), and its clock.</summary>
    private static async Task<(PlaybookEngine Engine, ManualTimeProvider Clock)> TakeOverAsync(SharedDataDirectory directory)
    {
        var later = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20));
        return (await directory.OpenAsync(later, playbooks: true), later);
    }

    /// <summary>The parent's state once its step <c>call</c> has ended, or as it is when a second child of it exists (the failure shown).</summary>
    private static async Task<ExecutionState> CallEndedOrSecondChildAsync(PlaybookEngine engine, string parent)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var state = (await engine.GetStateAsync(parent, bound.Token))!;
            if (Step(state, "call").Status is StepStatus.Completed or StepStatus.Failed || (await engine.History.ListChildrenAsync(parent, bound.Token)).Count > 1)
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
