using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

public sealed class DryRunTests
{
    private const string Playbook = """
        id: planned
        name: Planned
        version: 1.0.0
        inputs:
          hosts: { type: array }
          force: { type: boolean, default: false }
        steps:
          - id: check
            action: set
            with: { healthy: true }
          - id: restart
            needs: [check]
            when: "inputs.force"
            action: log
            with: { message: restart }
          - id: drain
            needs: [check]
            foreach: inputs.hosts
            action: log
            with: { message: "drain {{ item }}" }
            approval: { message: "Drain {{ length(inputs.hosts) }} hosts?", approvers: [oncall] }
            rollback:
              - action: log
                with: { message: "undrain {{ item }}" }
        """;

    [Fact]
    public async Task RunAsync_DryRun_ReturnsThePlanOfEveryStep()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync(Playbook, Inputs(("hosts", Value.From([Value.From("a"), Value.From("b")]))), dryRun: true);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.True(state.DryRun);
        var restart = Step(state, "restart");
        Assert.Equal(StepStatus.Skipped, restart.Status);
        Assert.False(restart.Plan!.WouldRun);
        Assert.Equal("its when is false: inputs.force", restart.Plan.Reason);

        var drain = Step(state, "drain").Plan!;
        Assert.True(drain.WouldRun);
        Assert.Equal(2, drain.Iterations);
        Assert.Equal(["would log at info: drain a", "would log at info: drain b"], drain.Description);
        Assert.Equal("Drain 2 hosts?", drain.Gate!.Message);
        Assert.Equal(["oncall"], drain.Gate.Approvers);
        Assert.Equal(["would log at info: undrain a"], drain.Rollback);
        Assert.Equal("drain a", drain.Arguments.AsObject()["message"].AsString());
        Assert.Contains("\"plan\":{\"would_run\":true", ExecutionStateJson.ToJson(state), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DryRun_PerformsNoActionAndRecordsNoAttempt()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync(Playbook, Inputs(("hosts", Value.From([Value.From("a")])), ("force", Value.True)), dryRun: true);

        Assert.Empty(await harness.AttemptsAsync(state.ExecutionId));
        Assert.Empty(await harness.LogsAsync(state.ExecutionId));
        Assert.All(state.Steps, s => Assert.Equal(0, s.Attempts));
        Assert.Equal("execute_playbook", state.NextActions.Single().Tool);
    }

    [Fact]
    public async Task RunAsync_DryRunOfAConditionOnUpstreamOutput_ShowsTheStepAsUndecidedNotSkipped()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: undecided
            name: Undecided
            version: 1.0.0
            steps:
              - id: probe
                action: set
                with: { sick: true }
              - id: heal
                needs: [probe]
                when: "steps.probe.output.sick"
                action: log
                with: { message: "healing" }
            """, dryRun: true);

        var heal = Step(state, "heal").Plan!;
        Assert.True(heal.WouldRun);
        Assert.Contains("reads what the steps above produce, which a dry run does not have", Assert.Single(heal.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DryRunOfArgumentsParsingUpstreamOutput_NoteSaysSoWithoutTheParsersWords()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: parses
            name: Parses
            version: 1.0.0
            steps:
              - id: probe
                action: set
                with: { text: "{}" }
              - id: decide
                needs: [probe]
                action: set
                with: { free: "{{ fromJson(steps.probe.output.text) }}" }
            """, dryRun: true);

        var note = Assert.Single(Step(state, "decide").Plan!.Notes);
        Assert.Equal("its arguments read what the steps above produce, which a dry run does not have: they are rendered when it runs", note);
    }
}
