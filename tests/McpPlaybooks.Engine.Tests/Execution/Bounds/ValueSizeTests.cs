using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Bounds;

/// <summary>
/// A list or object is turned into text or JSON only while it stays within the longest string (1,048,576 characters):
/// past it the evaluation fails as a too-long string does (validation, saying where), without writing it out. Before,
/// a list that held the one before it twice, 39 times over, was written out whole: gigabytes, and the server ran out of
/// memory.
/// </summary>
public sealed class ValueSizeTests
{
    private const string LogStep = """
          - id: a
            action: log
            with: { message: "x {{ vars.VN }}" }
        """;

    [Theory]
    [InlineData(16, false)]
    [InlineData(39, false)]
    [InlineData(39, true)]
    public async Task RunAsync_ListVariableDoubledPastTheLimit_FailsValidationAtTheFirstVariableTooLong(int doublings, bool dryRun)
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(DoublingLists.Playbook(doublings, LogStep.Replace("VN", $"v{doublings}", StringComparison.Ordinal)), dryRun: dryRun)
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(ErrorCategory.Validation, state.Error!.Category);
        Assert.StartsWith("variable 'v14' (line 19) cannot be evaluated: Column 1: the list is longer than 1,048,576 characters", state.Error.Message, StringComparison.Ordinal);
        Assert.Equal(StepStatus.NotRun, Step(state, "a").Status);
    }

    [Theory]
    [InlineData("x {{ steps.each.output }}", "Column 6: a list as text is longer than 1,048,576 characters")]
    [InlineData("{{ toJson(steps.each.output) }}", "Column 4: the result of toJson() is longer than 1,048,576 characters")]
    [InlineData("{{ length(format('{0}', steps.each.output)) }}", "Column 25: a list as text is longer than 1,048,576 characters")]
    public async Task RunAsync_LoopOutputsTurnedIntoTextPastTheLimit_StepFailsValidationSayingWhere(string text, string error)
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(LoopOutputs.Playbook($"""
              - id: after
                needs: [each]
                action: set
                with: {"{"} text: "{text}" {"}"}
            """)).WaitAsync(TimeSpan.FromSeconds(60));

        var after = Step(state, "after");
        Assert.Equal(StepStatus.Failed, after.Status);
        Assert.Equal(ErrorCategory.Validation, after.Error!.Category);
        Assert.Contains(error, after.Error.Message, StringComparison.Ordinal);
    }
}
