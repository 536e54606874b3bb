using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Memory;
using McpPlaybooks.Engine.Tests.Execution;
using McpPlaybooks.Engine.Tests.Execution.Control;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>What a person's control action (skip_step, rollback) leaves in the memory once the execution is folded again.</summary>
public sealed class LearningMemoryControlTests
{
    [Fact]
    public async Task SkipStep_StepWithoutWhen_IsNotCountedAsSkippedByItsWhen()
    {
        await using var harness = await EngineHarness.StartAsync();
        var yaml = """
            id: flip
            name: Flip
            version: 1.0.0
            inputs:
              run: { type: integer }
            steps:
              - id: gate
                action: shell
                with: { command: [sh, -c, 'exit 1'] }
                retry: { max_attempts: 1 }
                rollback: []
              - id: quiet
                action: log
                when: "inputs.run > 100"
                with: { message: never }
            """;
        var failed = await MemoryPlaybooks.RunAsync(harness, yaml, 1);
        Assert.Equal(ExecutionStatus.Failed, failed.Status);

        var skipped = await harness.Engine.ControlAsync(PauseAndCancelTests.Ask(failed.ExecutionId, ControlAction.SkipStep, "gate"), default);
        var done = await harness.Engine.WaitAsync(skipped.ExecutionId, TimeSpan.FromSeconds(30), default);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        var steps = Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).Steps;
        Assert.Equal((0, 1, 0, 1), (steps.Single(s => s.StepId == "gate").Skipped, steps.Single(s => s.StepId == "gate").Runs, steps.Single(s => s.StepId == "gate").Completed, steps.Single(s => s.StepId == "quiet").Skipped));
    }

    [Fact]
    public async Task Cancel_WhileAStepRuns_IsNoRunOfThatStepNorOfTheStepsAfterIt()
    {
        await using var harness = await EngineHarness.StartAsync();
        var fifo = await Flow.FifoAsync(harness.PathOf("pid"));
        var id = (await harness.Engine.StartAsync(Flow.Request($$$"""
            id: cut-short
            name: Cut short
            version: 1.0.0
            steps:
              - id: first
                action: log
                with: { message: done }
              - id: long
                needs: [first]
                action: shell
                with: { command: [sh, -c, "sleep 60 & echo $! > {{{fifo}}}; wait"] }
              - id: next
                needs: [long]
                action: log
                with: { message: never }
            """), null, default)).ExecutionId;
        await Flow.ReadFifoAsync(fifo);

        Assert.Equal(ExecutionStatus.Cancelled, (await harness.Engine.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.Cancel), default)).Status);

        var playbook = Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks);
        var steps = playbook.Steps.ToDictionary(s => s.StepId, s => (s.Runs, s.Completed, s.Failed, s.Attempts));
        Assert.Equal((1, 1), (playbook.Runs, playbook.Cancelled));
        Assert.Equal((1, 1, 0, 1), steps["first"]);
        Assert.Equal((0, 0, 0, 0), steps["long"]); // its attempt was cancelled: it says nothing about the step
        Assert.Equal((0, 0, 0, 0), steps.GetValueOrDefault("next"));
    }

    [Fact]
    public async Task Rollback_OfTheLastSuccess_GivesBackThePreviousOne()
    {
        await using var harness = await EngineHarness.StartAsync();
        var yaml = """
            id: undoable
            name: Undoable
            version: 1.0.0
            inputs:
              run: { type: integer }
            steps:
              - id: change
                action: log
                with: { message: changed }
                rollback: [{ action: log, with: { message: undone } }]
            """;
        var first = await MemoryPlaybooks.RunAsync(harness, yaml, 1);
        var second = await MemoryPlaybooks.RunAsync(harness, yaml, 2);
        Assert.All([first, second], s => Assert.Equal(ExecutionStatus.Completed, s.Status));

        var rolled = await harness.Engine.ControlAsync(PauseAndCancelTests.Ask(second.ExecutionId, ControlAction.Rollback), default);

        Assert.Equal(ExecutionStatus.RolledBack, rolled.Status);
        var inputs = Assert.Single((await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "undoable" }, default)).LastSuccessfulInputs);
        Assert.Equal((first.ExecutionId, """{"run":1}"""), (inputs.ExecutionId, inputs.InputsJson));
        var playbook = Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks);
        Assert.Equal((2, 1, 1), (playbook.Runs, playbook.Completed, playbook.RolledBack));
        Assert.Equal(inputs.EndedAt, playbook.LastSuccessAt);
        Assert.Equal(inputs.EndedAt, (await harness.Engine.Memory.GetTrackRecordAsync("undoable", default))!.LastSuccessAt);

        await harness.Engine.ControlAsync(PauseAndCancelTests.Ask(first.ExecutionId, ControlAction.Rollback), default);

        Assert.Empty((await harness.Engine.Memory.GetInsightsAsync(new InsightsQuery { PlaybookId = "undoable" }, default)).LastSuccessfulInputs);
        Assert.Null(Assert.Single((await harness.Engine.Memory.GetMetricsAsync(new MetricsQuery(), default)).Playbooks).LastSuccessAt);
    }
}
