using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;
using static McpPlaybooks.Engine.Tests.Execution.Control.PauseAndCancelTests;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>The <c>playbook</c> action: a linked child execution, its outputs and failures, the depth limit, and cascades.</summary>
public sealed class SubPlaybookTests
{
    private const string Child = """
        id: child
        name: Child
        version: 1.0.0
        inputs:
          x: { type: number }
        steps:
          - id: compute
            action: set
            with: { echoed: "{{ inputs.x }}" }
        outputs:
          result: "{{ steps.compute.output.echoed }}"
        """;

    private const string FailingChild = """
        id: failing-child
        name: Failing child
        version: 1.0.0
        steps:
          - id: boom
            action: assert
            with: { that: "1 == 2", message: "the child is unhappy" }
        """;

    private const string GatedChild = """
        id: gated-child
        name: Gated child
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Child go?" }
            action: set
            with: { done: true }
        """;

    internal const string SelfCalling = """
        id: self-calling
        name: Self calling
        version: 1.0.0
        steps:
          - id: deeper
            action: playbook
            with: { id: self-calling }
        """;

    internal static string Parent(string childId, string inputs = "{}") => $$"""
        id: parent-of-{{childId}}
        name: Parent
        version: 1.0.0
        steps:
          - id: call
            action: playbook
            with: { id: {{childId}}, inputs: {{inputs}} }
        """;

    /// <summary>A harness whose playbook folder holds the children of these tests.</summary>
    internal static Task<EngineHarness> StartWithChildrenAsync(TimeProvider? time = null) =>
        StartWithPlaybooksAsync([("child", Child), ("failing-child", FailingChild), ("gated-child", GatedChild), ("self-calling", SelfCalling)], time);

    /// <summary>Starts a parent of gated-child; returns both ids once the child waits at its gate.</summary>
    internal static async Task<(string Parent, string Child)> StartUntilChildParkedAsync(PlaybookEngine engine)
    {
        var probe = new ExecutionProbe();
        using var _ = engine.Observe(null, probe);
        var childParked = probe.WhenExecution(s => s.PlaybookId == "gated-child" && s.Status == ExecutionStatus.WaitingApproval);
        var start = await engine.StartAsync(Flow.Request(Parent("gated-child")), null, default);
        return (start.ExecutionId, (await childParked).ExecutionId);
    }

    [Fact]
    public async Task PlaybookAction_ChildCompletes_LinkedAndItsOutputsShowInTheParentStep()
    {
        await using var harness = await StartWithChildrenAsync();
        var done = await harness.RunAsync(Parent("child", "{ x: 42 }"));

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var output = Step(done, "call").Output.AsObject();
        Assert.Equal("completed", output["status"].AsString());
        Assert.Equal(42, output["outputs"].AsObject()["result"].AsNumber());
        var childId = output["execution_id"].AsString();
        var child = await harness.Engine.History.GetExecutionAsync(childId, default);
        Assert.Equal((done.ExecutionId, 1, "child", ExecutionStatus.Completed), (child!.ParentExecutionId, child.Depth, child.PlaybookId, child.Status));
        Assert.Equal([childId], (await harness.Engine.History.ListChildrenAsync(done.ExecutionId, default)).Select(c => c.Id));
    }

    [Fact]
    public async Task PlaybookAction_ChildFails_FailsTheParentStepWithTheChildsState()
    {
        await using var harness = await StartWithChildrenAsync();
        var failed = await harness.RunAsync(Parent("failing-child"));

        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        var call = Step(failed, "call");
        Assert.Equal(ErrorCategory.Validation, call.Error!.Category);
        Assert.Contains("ended failed", call.Error.Message, StringComparison.Ordinal);
        Assert.Contains("the child is unhappy", call.Error.Message, StringComparison.Ordinal);
        Assert.Equal("failed", call.Output.AsObject()["status"].AsString());
    }

    [Fact]
    public async Task PlaybookAction_RetriedAfterItsChildFailed_StartsANewChildForEachAttempt()
    {
        await using var harness = await StartWithChildrenAsync();
        var failed = await harness.RunAsync("""
            id: retrying-parent
            name: Retrying parent
            version: 1.0.0
            steps:
              - id: call
                action: playbook
                retry: { max_attempts: 2, backoff: fixed, delay: 10ms, retry_on: [validation] }
                with: { id: failing-child }
            """);

        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        var children = await harness.Engine.History.ListChildrenAsync(failed.ExecutionId, default);
        Assert.Equal(2, children.Count);
        Assert.All(children, child => Assert.Equal(ExecutionStatus.Failed, child.Status));
        Assert.Equal(2, Step(failed, "call").Attempts);
    }

    [Fact]
    public async Task PlaybookAction_UnknownChild_FailsWithCategoryConfiguration()
    {
        await using var harness = await StartWithChildrenAsync();
        var failed = await harness.RunAsync(Parent("no-such-child"));

        Assert.Equal(ErrorCategory.Configuration, Step(failed, "call").Error!.Category);
        Assert.Contains("no valid playbook with id 'no-such-child'", Step(failed, "call").Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaybookAction_PlaybookCallingItself_StopsAtDepthFive()
    {
        await using var harness = await StartWithChildrenAsync();
        var failed = await harness.RunAsync(SelfCalling);

        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        var depths = new List<int>();
        var id = failed.ExecutionId;
        while (true)
        {
            var record = await harness.Engine.History.GetExecutionAsync(id, default);
            depths.Add(record!.Depth);
            Assert.Equal(ExecutionStatus.Failed, record.Status);
            var children = await harness.Engine.History.ListChildrenAsync(id, default);
            if (children.Count == 0)
            {
                break;
            }

            id = Assert.Single(children).Id;
        }

        Assert.Equal([0, 1, 2, 3, 4, 5], depths);
        var deepest = await harness.Engine.GetStateAsync(id, default);
        Assert.Equal(ErrorCategory.Configuration, Step(deepest!, "deeper").Error!.Category);
        Assert.Contains("nest at most 5 deep", Step(deepest!, "deeper").Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ParentWhileItsChildWaitsAtAGate_CancelsTheChild()
    {
        await using var harness = await StartWithChildrenAsync();
        var (parent, child) = await StartUntilChildParkedAsync(harness.Engine);
        Assert.Equal(ExecutionStatus.Running, (await harness.Engine.GetStateAsync(parent, default))!.Status);

        var cancelled = await harness.Engine.ControlAsync(Ask(parent, ControlAction.Cancel), default);
        var childState = await Flow.SettleAsync(harness.Engine, child);
        var parentState = await Flow.SettleAsync(harness.Engine, parent);

        Assert.Equal(ExecutionStatus.Cancelled, cancelled.Status);
        Assert.Equal(ExecutionStatus.Cancelled, childState.Status);
        Assert.Equal(StepStatus.Cancelled, Step(childState, "risky").Status);
        Assert.Empty(parentState.PendingApprovals); // the child's gate is gone with it
    }

    [Fact]
    public async Task RequestCancel_ParentWhileItsChildWaitsAtAGate_EndsShowingNoGateOfTheChild()
    {
        await using var harness = await StartWithChildrenAsync();
        var (parent, child) = await StartUntilChildParkedAsync(harness.Engine);
        Assert.Contains((await harness.Engine.GetStateAsync(parent, default))!.PendingApprovals, gate => gate.ExecutionId == child);

        // As the token of a caller that follows the run (run's Ctrl+C): the parent's step is cancelled, not the child first.
        Assert.True(harness.Engine.TryGetRun(parent, out var run));
        run.RequestCancel();
        var done = await Flow.SettleAsync(harness.Engine, parent);

        Assert.Equal(ExecutionStatus.Cancelled, done.Status);
        Assert.Empty(done.PendingApprovals);
        Assert.Equal(ExecutionStatus.Cancelled, (await Flow.SettleAsync(harness.Engine, child)).Status);
    }

    [Fact]
    public async Task PlaybookAction_ChildWaitsAtAGate_TheParentsLogNamesItWhileItWaits()
    {
        await using var harness = await StartWithChildrenAsync();
        var (parent, child) = await StartUntilChildParkedAsync(harness.Engine);
        var said = $"started child execution {child} of gated-child 1.0.0";

        // The parent commits it as its step begins to wait; nothing else of the parent's is committed while the child waits.
        var logged = false;
        for (var look = 0; look < 500 && !logged; look++)
        {
            logged = (await harness.Engine.History.GetLogsAsync(new LogQuery { ExecutionId = parent }, default)).Entries.Any(line => line.StepId == "call" && line.Message == said);
            await Task.Delay(logged ? 0 : 10);
        }

        Assert.True(logged, $"the parent's log does not say '{said}' while the child waits");
    }

    [Fact]
    public async Task WaitAsync_ParentWhoseChildWaitsAtAGate_ReturnsAsForAParkedRunAndWaitsOnOnceDecided()
    {
        await using var harness = await StartWithChildrenAsync();
        var (parent, child) = await StartUntilChildParkedAsync(harness.Engine);

        var waiting = await Flow.SettleAsync(harness.Engine, parent);
        await harness.Engine.WaitIdleAsync(default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Running, waiting.Status);
        Assert.Equal(StepStatus.Running, Step(waiting, "call").Status);
        Assert.Equal(child, Assert.Single(waiting.PendingApprovals).ExecutionId);
        await harness.Engine.DecideAsync(Decision(child, "risky", true, "alice"), default);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(harness.Engine, parent)).Status);
    }

    [Fact]
    public async Task PlaybookAction_LoopOfChildrenEachAtAGate_ShowsEachChildsGateUntilItIsDecided()
    {
        await using var harness = await StartWithChildrenAsync();
        var parent = (await harness.Engine.StartAsync(Flow.Request("""
            id: looping-parent
            name: Looping parent
            version: 1.0.0
            steps:
              - id: call
                action: playbook
                foreach: [1, 2]
                concurrency: 2
                with: { id: gated-child }
            """), null, default)).ExecutionId;

        var both = await GatesShownAsync(harness.Engine, parent, gates => gates.Count == 2);
        Assert.Equal(2, both.Select(gate => gate.ExecutionId).Distinct().Count());
        var (first, second) = (both[0].ExecutionId!, both[1].ExecutionId!);
        Assert.Equal(ExecutionStatus.Running, (await Flow.SettleAsync(harness.Engine, parent)).Status); // parked through its children
        await harness.Engine.DecideAsync(Decision(first, "risky", true, "alice"), default);
        var left = await GatesShownAsync(harness.Engine, parent, gates => gates.All(gate => gate.ExecutionId != first));

        Assert.Equal(second, Assert.Single(left).ExecutionId);
        Assert.Equal(ExecutionStatus.Running, (await Flow.SettleAsync(harness.Engine, parent)).Status);
        await harness.Engine.DecideAsync(Decision(second, "risky", true, "alice"), default);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(harness.Engine, parent)).Status);
    }

    /// <summary>The parent's pending approvals once <paramref name="shown"/> accepts them (at most 10 s; the last seen, else).</summary>
    private static async Task<IReadOnlyList<PendingApproval>> GatesShownAsync(PlaybookEngine engine, string parent, Func<IReadOnlyList<PendingApproval>, bool> shown)
    {
        IReadOnlyList<PendingApproval> gates = [];
        for (var look = 0; look < 1000; look++)
        {
            gates = (await engine.GetStateAsync(parent, default))!.PendingApprovals;
            if (shown(gates))
            {
                break;
            }

            await Task.Delay(10);
        }

        return gates;
    }

    [Fact]
    public async Task PauseAndResume_Parent_CascadeToTheChildAndTheRunFinishesAfterTheChildsGate()
    {
        await using var harness = await StartWithChildrenAsync();
        var (parent, child) = await StartUntilChildParkedAsync(harness.Engine);

        await harness.Engine.ControlAsync(Ask(parent, ControlAction.Pause), default);
        Assert.Equal(ExecutionStatus.Paused, (await harness.Engine.GetStateAsync(child, default))!.Status);
        await harness.Engine.ControlAsync(Ask(parent, ControlAction.Resume), default);
        var childAgain = await Flow.SettleAsync(harness.Engine, child);
        Assert.Equal(ExecutionStatus.WaitingApproval, childAgain.Status);

        await harness.Engine.DecideAsync(Decision(child, "risky", true, "alice"), default);
        var done = await Flow.SettleAsync(harness.Engine, parent);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal("completed", Step(done, "call").Output.AsObject()["status"].AsString());
    }

    [Fact]
    public async Task GetState_ParentWhileItsChildWaitsAtAGate_ShowsTheChildAndItsGate()
    {
        await using var harness = await StartWithChildrenAsync();
        var (parent, child) = await StartUntilChildParkedAsync(harness.Engine);

        // The child's gate shows in the parent before the child has parked (its gate step waits while its drive ends), and
        // the parent may hear the child park after this test did: wait for the parent to show the parked child.
        var state = await WaitForAsync(harness.Engine, parent, s => s.PendingApprovals.Count == 1 && ChildStatus(s) == "waiting_approval");

        var call = Step(state, "call");
        Assert.Equal(child, call.Output.AsObject()["execution_id"].AsString());
        Assert.Equal("waiting_approval", call.Output.AsObject()["status"].AsString());
        var gate = Assert.Single(state.PendingApprovals);
        Assert.Equal(child, gate.ExecutionId);
        Assert.Equal("risky", gate.StepId);
        Assert.Contains($"\"execution_id\":\"{child}\",\"step_id\":\"risky\"", ExecutionStateJson.ToJson(state), StringComparison.Ordinal);

        await harness.Engine.DecideAsync(Decision(child, "risky", true, "alice"), default);
        var done = await Flow.SettleAsync(harness.Engine, parent);
        Assert.Empty(done.PendingApprovals);
    }

    [Fact]
    public async Task ShowChild_AStateOfTheChildOlderThanTheOneShown_DoesNotHideItsGate()
    {
        await using var harness = await StartWithChildrenAsync();
        var (parent, child) = await StartUntilChildParkedAsync(harness.Engine);
        await WaitForAsync(harness.Engine, parent, s => s.PendingApprovals.Count == 1 && ChildStatus(s) == "waiting_approval");
        Assert.True(harness.Engine.TryGetRun(parent, out var run));
        var parked = (await harness.Engine.GetStateAsync(child, default))!;

        // What the wait for the child took before the child reached its gate, shown after the change that showed the gate
        // (the two run on different threads): it must not hide the gate.
        run.ShowChild("call", iteration: null, parked with { Status = ExecutionStatus.Running, PendingApprovals = [], Revision = 1 });
        var state = (await harness.Engine.GetStateAsync(parent, default))!;

        Assert.Equal(child, Assert.Single(state.PendingApprovals).ExecutionId);
        Assert.Equal("waiting_approval", ChildStatus(state));
    }

    private static string? ChildStatus(ExecutionState parent) =>
        Step(parent, "call").Output.TryGetProperty("status", out var status) ? status.AsString() : null;

    /// <summary>The state once it satisfies <paramref name="condition"/> (the child's gate reaches its parent through an observer).</summary>
    private static async Task<ExecutionState> WaitForAsync(PlaybookEngine engine, string executionId, Func<ExecutionState, bool> condition)
    {
        var probe = new ExecutionProbe();
        using var _ = engine.Observe(executionId, probe);
        var changed = probe.WhenExecution(condition);
        var now = (await engine.GetStateAsync(executionId, default))!;
        return condition(now) ? now : await changed;
    }
}
