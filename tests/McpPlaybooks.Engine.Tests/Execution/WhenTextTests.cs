using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Definitions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// Found by an audit: a <c>when</c> that gave text decided by the text's length, so <c>when: "{{ inputs.flag }}"</c> of a
/// string input given "false" ran the step, and <c>!inputs.flag</c> skipped it. Now the texts 'true' and 'false' (any
/// case) are those booleans, and any other text fails the step, saying so, rather than guess.
/// </summary>
public sealed class WhenTextTests
{
    private static string Playbook(string when) => $$"""
        id: flag
        name: Flag
        version: 1.0.0
        inputs:
          flag: { type: string }
        steps:
          - id: a
            when: "{{when}}"
            action: set
            with: { ran: true }
        finally:
          - action: log
            when: "{{when}}"
            with: { message: "finally ran" }
        """;

    [Theory]
    [InlineData("{{ inputs.flag }}", "false", StepStatus.Skipped)]
    [InlineData("{{ inputs.flag }}", " FALSE ", StepStatus.Skipped)]
    [InlineData("{{ inputs.flag }}", "", StepStatus.Skipped)]
    [InlineData("{{ inputs.flag }}", "True", StepStatus.Completed)]
    [InlineData("!inputs.flag", "false", StepStatus.Completed)]
    [InlineData("!inputs.flag", "true", StepStatus.Skipped)]
    [InlineData("inputs.flag == false", "false", StepStatus.Completed)]
    [InlineData("inputs.flag && true", "false", StepStatus.Skipped)]
    public async Task RunAsync_AWhenThatGivesTheTextTrueOrFalse_DecidesAsThatBoolean(string when, string flag, StepStatus expected)
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(Playbook(when), Inputs(("flag", Value.From(flag))));
        var logs = await harness.LogsAsync(state.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(expected, Step(state, "a").Status);
        Assert.Equal(expected == StepStatus.Completed, logs.Any(l => l.Message == "finally ran"));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("0")]
    public async Task RunAsync_AWhenThatGivesOtherText_FailsTheStepSayingItIsNotACondition(string flag)
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(Playbook("inputs.flag"), Inputs(("flag", Value.From(flag))));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var error = Step(state, "a").Error!;
        Assert.Equal(ErrorCategory.Validation, error.Category);
        Assert.Equal(
            $"its when 'inputs.flag' (line 8) gave the text '{flag}', which is neither true nor false (only the texts 'true' and 'false' are, in any case): "
            + "compare the text instead (x == 'yes'), or give the input 'type: boolean'",
            error.Message);
    }

    [Fact]
    public async Task RunAsync_DryRunOfAWhenThatGivesTheTextFalse_PlansTheStepSkipped()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(Playbook("{{ inputs.flag }}"), Inputs(("flag", Value.From("false"))), dryRun: true);

        var plan = Step(state, "a").Plan!;
        Assert.False(plan.WouldRun);
        Assert.Equal("its when is false: {{ inputs.flag }}", plan.Reason);
    }
}
