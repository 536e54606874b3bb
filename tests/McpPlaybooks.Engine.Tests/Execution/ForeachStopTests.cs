using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Control;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>A loop whose iteration fails: no new iteration starts, and the running ones finish with their real outcome.</summary>
public sealed class ForeachStopTests
{
    /// <summary>Iterations of two at a time, each running its item's script; a rollback leaves the item's undo marker.</summary>
    private const string Loop = """
        id: loop-stop
        name: Loop stop
        version: 1.0.0
        on_failure: rollback
        inputs:
          items: { type: array }
        steps:
          - id: each
            foreach: inputs.items
            concurrency: 2
            action: shell
            with: { command: [sh, -c, "{{ item.script }}"] }
            rollback:
              - action: shell
                with: { command: [touch, "{{ item.undo }}"] }
        """;

    [Fact]
    public async Task RunAsync_AnIterationFailsWhileAnotherRuns_TheRunningOneCompletesIsRolledBackAndNoNewOneStarts()
    {
        await using var harness = await StartAsync();
        var failNow = await Flow.FifoAsync(harness.PathOf("fail-now"));
        var finish = await Flow.FifoAsync(harness.PathOf("finish"));
        var late = harness.PathOf("late.ran");
        Value Item(string script, string undo) => Value.From([KeyValuePair.Create("script", Value.From(script)), KeyValuePair.Create("undo", Value.From(harness.PathOf(undo)))]);
        var items = Value.From(
        [
            Item($"read x < {failNow}; exit 3", "undo-0"),
            Item($"echo go > {failNow}; read y < {finish}; echo finished", "undo-1"),
            Item($"touch {late}", "undo-2"),
        ]);
        var probe = new StopProbe();

        // Iteration 0 fails once iteration 1 runs; iteration 1 is released only once the loop has taken the failure in.
        var run = harness.RunAsync(Loop, Inputs(("items", items)), observer: probe);
        if (await Task.WhenAny(probe.Stopped, run).WaitAsync(TimeSpan.FromSeconds(30)) == probe.Stopped)
        {
            await Flow.WriteFifoAsync(finish);
        }

        var state = await run.WaitAsync(TimeSpan.FromSeconds(30));
        var attempts = (await harness.AttemptsAsync(state.ExecutionId)).Where(a => a.Kind == AttemptKind.Step).ToList();

        Assert.Equal(StepStatus.Failed, Assert.Single(attempts, a => a.Iteration == 0).Status);
        Assert.Equal(StepStatus.Completed, Assert.Single(attempts, a => a.Iteration == 1).Status);
        Assert.DoesNotContain(attempts, a => a.Iteration == 2);
        Assert.False(File.Exists(late));
        Assert.Equal(ExecutionStatus.RolledBack, state.Status);
        Assert.Contains("iteration 0", state.Error!.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(harness.PathOf("undo-1")), "the iteration that completed was not rolled back");
        Assert.False(File.Exists(harness.PathOf("undo-0")));
        Assert.False(File.Exists(harness.PathOf("undo-2")));
    }

    [Fact]
    public async Task RunAsync_AnIterationFailsWithRetriesLeft_OtherIterationsStillStart()
    {
        await using var harness = await StartAsync();
        var once = harness.PathOf("failed-once");
        var items = Value.From(
        [
            Value.From([KeyValuePair.Create("script", Value.From($"[ -e {once} ] || {{ touch {once}; exit 3; }}")), KeyValuePair.Create("undo", Value.From(harness.PathOf("u0")))]),
            Value.From([KeyValuePair.Create("script", Value.From("true")), KeyValuePair.Create("undo", Value.From(harness.PathOf("u1")))]),
            Value.From([KeyValuePair.Create("script", Value.From("true")), KeyValuePair.Create("undo", Value.From(harness.PathOf("u2")))]),
        ]);

        var state = await harness.RunAsync(Loop.Replace("concurrency: 2", "concurrency: 1\n    retry: { max_attempts: 2, delay: 10ms, retry_on: [unknown] }", StringComparison.Ordinal), Inputs(("items", items)));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(4, Step(state, "each").Attempts);
    }

    /// <summary>Completes when the loop logs that it starts no new iteration.</summary>
    private sealed class StopProbe : IExecutionObserver
    {
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Stopped => _stopped.Task;

        public void LogWritten(ExecutionLogRecord entry)
        {
            if (entry.Message.Contains("no new iteration starts", StringComparison.Ordinal))
            {
                _stopped.TrySetResult();
            }
        }
    }
}
