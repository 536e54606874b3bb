using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A takeover finds a non-idempotent shell step in flight whose process still runs (its engine stopped driving it,
/// but the process lives on): the step's error and next_actions say so, with the pid, so that retry_step does not run
/// the work a second time alongside the first.
/// </summary>
public sealed class TakeoverProcessTests
{
    [Fact]
    public async Task OpenAsync_InterruptedStepWhoseProcessStillRuns_SaysSoInTheErrorAndNextActions()
    {
        await using var directory = new SharedDataDirectory();
        System.IO.Directory.CreateDirectory(directory.Directory);
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);

        // The step reads its input (given once its process has started; its pid is not committed until the attempt ends, the takeover finds it by its marker), says it runs, and works for a minute.
        var start = await first.StartAsync(Flow.Request($$"""
            id: process-takeover
            name: Process takeover
            version: 1.0.0
            steps:
              - id: work
                action: shell
                timeout: 5m
                with:
                  command: [/bin/sh, -c, 'read go; echo running > "$0/running"; exec sleep 60', "{{directory.Directory}}"]
                  stdin: "go\n"
            """), null, default);
        await FileAppearance.WaitForLineAsync(directory.PathOf("running"), TimeSpan.FromSeconds(30));
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        Assert.Equal([$"{start.ExecutionId}/work"], second.LastResume.Interrupted.Select(i => $"{i.ExecutionId}/{i.StepId}"));
        var attempt = Assert.Single(await second.History.GetAttemptsAsync(start.ExecutionId, default));
        var pid = Assert.NotNull(attempt.ProcessId);
        try
        {
            var state = await Flow.SettleAsync(second, start.ExecutionId);

            Assert.Equal(ExecutionStatus.Paused, state.Status);
            Assert.Equal(StepStatus.Interrupted, Step(state, "work").Status);
            Assert.Contains($"its process {pid} is still running", Step(state, "work").Error!.Message, StringComparison.Ordinal);
            var retry = Assert.Single(state.NextActions, a => a.Arguments.ToJson().Contains("\"retry_step\"", StringComparison.Ordinal));
            Assert.Contains($"process {pid} is still running", retry.Why, StringComparison.Ordinal);
        }
        finally
        {
            ProcessTable.Signal(-pid, ProcessTable.SigKill);
        }
    }

    [Fact]
    public async Task OpenAsync_InterruptedStep_NoOtherStepStartsUntilAPersonDecides()
    {
        // The execution waits, paused, for a person to say what the interrupted step did; a step independent of it started
        // first at the takeover (found by a review helper with kill -9), and only then did the execution park.
        await using var directory = new SharedDataDirectory();
        System.IO.Directory.CreateDirectory(directory.Directory);
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var start = await first.StartAsync(Flow.Request($$"""
            id: interrupted-beside
            name: Interrupted beside
            version: 1.0.0
            concurrency: 1
            steps:
              - id: work
                action: shell
                with: { command: [/bin/sh, -c, 'echo running > "$0/running"; exec sleep 60', "{{directory.Directory}}"] }
              - id: beside
                action: shell
                with: { command: [/bin/sh, -c, 'echo beside >> "$0/mark"', "{{directory.Directory}}"] }
            """), null, default);
        await FileAppearance.WaitForLineAsync(directory.PathOf("running"), TimeSpan.FromSeconds(30));
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        var pid = Assert.NotNull(Assert.Single(await second.History.GetAttemptsAsync(start.ExecutionId, default)).ProcessId);
        ProcessTable.Signal(-pid, ProcessTable.SigKill);
        var paused = await Flow.SettleAsync(second, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Paused, paused.Status);
        Assert.Equal((StepStatus.Interrupted, StepStatus.Pending), (Step(paused, "work").Status, Step(paused, "beside").Status));
        Assert.Equal(0, directory.Lines("mark"));

        await second.ControlAsync(PauseAndCancelTests.Ask(start.ExecutionId, ControlAction.SkipStep, "work"), default);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(second, start.ExecutionId)).Status);
        Assert.Equal(1, directory.Lines("mark"));
    }
}
