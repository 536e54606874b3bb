using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Bounds;

/// <summary>
/// A value may nest 128 levels of lists and objects; the roots that hold values (<c>vars</c>, <c>steps.&lt;id&gt;</c>) do
/// not count. What passes the limit only at run time fails its step (category validation, the limit and what to do).
/// Before, each of these ended the execution through the engine's fault path (ArgumentException: 'The value nests deeper
/// than 128 levels.'), or, for 128 nested variables, threw out of the run's start.
/// </summary>
public sealed class ValueDepthTests
{
    [Fact]
    public async Task RunAsync_VariablesAndOutputsAtTheLimit_AreReadByLaterSteps()
    {
        await using var harness = await StartAsync();

        // v127 nests 128 levels; a's output { x: v126 } too.
        var state = await harness.RunAsync(NestedLists.Playbook(127, """
              - id: a
                action: set
                with: { x: "{{ vars.v126 }}" }
              - id: b
                needs: [a]
                action: set
                with: { v: "{{ length(vars.v127) }}", o: "{{ length(steps.a.output.x) }}" }
            """)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(1, Step(state, "b").Output.AsObject()["v"].AsNumber());
        Assert.Equal(1, Step(state, "b").Output.AsObject()["o"].AsNumber());
    }

    [Fact]
    public async Task RunAsync_WithPastTheLimitOnlyAtRunTime_FailsTheStepWithTheLimit()
    {
        await using var harness = await StartAsync();

        // a's output nests 127 levels; b puts it in a list in a mapping: 129, which only the run can know.
        var state = await harness.RunAsync(NestedLists.Playbook(125, """
              - id: a
                action: set
                with: { x: "{{ vars.v125 }}" }
              - id: b
                needs: [a]
                action: set
                with: { y: ["{{ steps.a.output }}"] }
            """)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var b = Step(state, "b");
        Assert.Equal(StepStatus.Failed, b.Status);
        Assert.Equal(ErrorCategory.Validation, b.Error!.Category);
        Assert.Equal(
            "its with cannot be rendered (line 138): Column 1: the object would nest deeper than 128 levels of lists and objects, the most a value may; "
            + "flatten it, or keep the deep part as JSON text (toJson) and read it back with fromJson where it is needed",
            b.Error.Message);
    }

    [Fact]
    public async Task RunAsync_LoopOfOutputsAtTheLimit_FailsTheStepRatherThanTheEngine()
    {
        await using var harness = await StartAsync();

        // Each iteration's output { x: v126 } nests 128 levels: the list of them would nest 129.
        var state = await harness.RunAsync(NestedLists.Playbook(126, """
              - id: each
                action: set
                foreach: "{{ fromJson('[1, 2]') }}"
                with: { x: "{{ vars.v126 }}" }
            """)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var each = Step(state, "each");
        Assert.Equal(ErrorCategory.Validation, each.Error!.Category);
        Assert.StartsWith("its iterations' outputs nest 128 levels deep, so the list of them would nest deeper than 128 levels", each.Error.Message, StringComparison.Ordinal);
    }
}
