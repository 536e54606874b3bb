using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

public sealed class DagSchedulingTests
{
    [Fact]
    public async Task RunAsync_OutputsOfEarlierSteps_AreVisibleToLaterSteps()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: chain
            name: Chain
            version: 1.0.0
            inputs:
              name: { type: string }
            variables:
              greeting: "hello {{ inputs.name }}"
            steps:
              - id: first
                action: set
                with: { text: "{{ vars.greeting }}", n: 2 }
              - id: second
                needs: [first]
                action: set
                with: { count: "{{ steps.first.output.n }}", upper: "{{ upper(steps.first.output.text) }}" }
            outputs:
              result: "{{ steps.second.output.upper }}"
            """, Inputs(("name", Value.From("web"))));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal("HELLO WEB", Step(state, "second").Output.AsObject()["upper"].AsString());
        Assert.Equal(2, Step(state, "second").Output.AsObject()["count"].AsNumber());
        Assert.Equal("HELLO WEB", state.Outputs.AsObject()["result"].AsString());
    }

    [Fact]
    public async Task RunAsync_WhenFalse_SkipsTheStepAndItsDependentsStillRun()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: skip
            name: Skip
            version: 1.0.0
            steps:
              - id: maybe
                when: "false"
                action: set
                with: { x: 1 }
              - id: after
                needs: [maybe]
                action: set
                with: { seen: "{{ steps.maybe.status }}", output: "{{ steps.maybe.output }}" }
            """);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(StepStatus.Skipped, Step(state, "maybe").Status);
        Assert.Equal(0, Step(state, "maybe").Attempts);
        var after = Step(state, "after").Output.AsObject();
        Assert.Equal("skipped", after["seen"].AsString());
        Assert.Equal(ValueKind.Null, after["output"].Kind);
    }

    [Fact]
    public async Task RunAsync_ConcurrencyLimit_NeverRunsMoreStepsAtOnce()
    {
        await using var harness = await StartAsync();
        var observer = new ConcurrencyObserver();
        var steps = string.Concat(Enumerable.Range(0, 8).Select(i => $"\n  - id: s{i}\n    action: wait\n    with: {{ duration: 30ms }}"));
        var state = await harness.RunAsync("id: wide\nname: Wide\nversion: 1.0.0\nconcurrency: 2\nsteps:" + steps, observer: observer);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(2, observer.MaxRunning);
    }

    [Fact]
    public async Task RunAsync_Needs_OrderTheSteps()
    {
        await using var harness = await StartAsync();
        var observer = new ConcurrencyObserver();
        var state = await harness.RunAsync("""
            id: diamond
            name: Diamond
            version: 1.0.0
            steps:
              - id: d
                needs: [b, c]
                action: log
                with: { message: d }
              - id: b
                needs: [a]
                action: wait
                with: { duration: 20ms }
              - id: c
                needs: [a]
                action: log
                with: { message: c }
              - id: a
                action: log
                with: { message: a }
            """, observer: observer);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        var order = observer.Completed;
        Assert.Equal("a", order[0]);
        Assert.Equal("d", order[^1]);
        Assert.True(order.IndexOf("b") < order.IndexOf("d") && order.IndexOf("c") < order.IndexOf("d"));
    }

    [Fact]
    public async Task RunAsync_ForeachWithConcurrency_RunsEachItemAndListsTheOutputs()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: loop
            name: Loop
            version: 1.0.0
            inputs:
              hosts: { type: array }
            steps:
              - id: each
                foreach: inputs.hosts
                concurrency: 3
                action: set
                with: { host: "{{ item }}", position: "{{ index }}" }
            """, Inputs(("hosts", Value.From([Value.From("a"), Value.From("b"), Value.From("c"), Value.From("d")]))));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        var outputs = Step(state, "each").Output.AsList();
        Assert.Equal(["a", "b", "c", "d"], outputs.Select(o => o.AsObject()["host"].AsString()));
        Assert.Equal([0.0, 1, 2, 3], outputs.Select(o => o.AsObject()["position"].AsNumber()));
        Assert.Equal(4, Step(state, "each").Attempts);
    }

    [Fact]
    public async Task RunAsync_ForeachOverTheHardCap_FailsBeforeRunningAnything()
    {
        await using var harness = await StartAsync();
        var items = Value.From(Enumerable.Range(0, 1001).Select(i => Value.From(i)));
        var state = await harness.RunAsync("""
            id: capped
            name: Capped
            version: 1.0.0
            inputs:
              items: { type: array }
            steps:
              - id: each
                foreach: inputs.items
                action: log
                with: { message: "{{ item }}" }
            """, Inputs(("items", items)));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(0, Step(state, "each").Attempts);
        Assert.Contains("1001 items, over the hard cap of 1000", Step(state, "each").Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ForeachOverTheBlastRadius_IsRefusedWithTheLimitNamed()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: radius
            name: Radius
            version: 1.0.0
            safety: { blast_radius: 2 }
            inputs:
              hosts: { type: array }
            steps:
              - id: each
                foreach: inputs.hosts
                action: log
                with: { message: "{{ item }}" }
            """, Inputs(("hosts", Value.From([Value.From("a"), Value.From("b"), Value.From("c")]))));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(0, Step(state, "each").Attempts);
        Assert.Contains("blast_radius of 2", Step(state, "each").Error!.Message, StringComparison.Ordinal);
    }

    /// <summary>Counts steps running at once from the committed transitions.</summary>
    private sealed class ConcurrencyObserver : IExecutionObserver
    {
        private readonly Lock _lock = new();
        private readonly HashSet<string> _running = [];

        public int MaxRunning { get; private set; }

        public List<string> Completed { get; } = [];

        public void StepChanged(string executionId, Engine.Execution.State.StepState step)
        {
            lock (_lock)
            {
                if (step.Status == StepStatus.Running)
                {
                    _running.Add(step.Id);
                    MaxRunning = Math.Max(MaxRunning, _running.Count);
                }
                else if (step.Status == StepStatus.Completed)
                {
                    _running.Remove(step.Id);
                    Completed.Add(step.Id);
                }
            }
        }
    }
}
