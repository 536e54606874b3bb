using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A <c>foreach</c> step whose process died among its iterations: the engine that takes it over keeps the iterations that
/// completed and runs only the rest, whether the step runs again by itself (idempotent) or after a <c>retry_step</c>.
/// </summary>
public sealed class ForeachTakeoverTests
{
    /// <summary>One iteration per item, one at a time; each leaves a mark named after its item, and <c>b</c> then waits for the file <c>go</c>.</summary>
    private const string Loop = """
        id: foreach-takeover
        name: Foreach takeover
        version: 1.0.0
        inputs:
          dir: { type: string }
        steps:
          - id: each
            action: shell
            foreach: [a, b, c]
            concurrency: 1
            timeout: 30s
            IDEMPOTENT
            rollback: []
            with:
              command: [/bin/sh, -c, "echo x >> \"$0/$1\"; if [ \"$1\" = b ]; then while [ ! -e \"$0/go\" ]; do sleep 0.01; done; fi", "{{ inputs.dir }}", "{{ item }}"]
          - id: after
            needs: [each]
            action: log
            with: { message: "{{ steps.each.output }}" }
        """;

    [Fact]
    public async Task OpenAsync_IdempotentLoopStoppedInItsSecondIteration_RunsOnlyTheIterationsNotCompleted()
    {
        await using var directory = new SharedDataDirectory();
        var id = await StoppedInIterationBAsync(directory, idempotent: true);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        Assert.Equal(["each"], second.LastResume.Rerun.Select(r => r[(id.Length + 1)..]));
        File.WriteAllText(directory.PathOf("go"), "");
        var done = await Flow.SettleAsync(second, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal((1, 2, 1), Marks(directory));
        Assert.Equal(3, Step(done, "each").Output.AsList().Count);
    }

    [Fact]
    public async Task RetryStep_LoopInterruptedInItsSecondIteration_RunsOnlyTheIterationsNotCompleted()
    {
        await using var directory = new SharedDataDirectory();
        var id = await StoppedInIterationBAsync(directory, idempotent: false);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        var paused = await Flow.SettleAsync(second, id);
        Assert.Equal(ExecutionStatus.Paused, paused.Status);
        Assert.Equal(StepStatus.Interrupted, Step(paused, "each").Status);
        File.WriteAllText(directory.PathOf("go"), "");
        await second.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "each"), default);
        var done = await Flow.SettleAsync(second, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal((1, 2, 1), Marks(directory));
    }

    /// <summary>Starts the loop and stops its engine as a process that dies once iteration <c>b</c> has left its mark (<c>a</c> completed).</summary>
    private static async Task<string> StoppedInIterationBAsync(SharedDataDirectory directory, bool idempotent)
    {
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var yaml = Loop.Replace("IDEMPOTENT", $"idempotent: {(idempotent ? "true" : "false")}", StringComparison.Ordinal);
        var id = (await first.StartAsync(Flow.Request(yaml, new Dictionary<string, Value> { ["dir"] = Value.From(directory.Directory) }), null, default)).ExecutionId;
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!File.Exists(directory.PathOf("b")))
            {
                await Task.Delay(10, bound.Token);
            }
        }

        await directory.CloseAsync(first);
        return id;
    }

    /// <summary>How many times each item's iteration ran.</summary>
    private static (int A, int B, int C) Marks(SharedDataDirectory directory) => (directory.Lines("a"), directory.Lines("b"), directory.Lines("c"));
}
