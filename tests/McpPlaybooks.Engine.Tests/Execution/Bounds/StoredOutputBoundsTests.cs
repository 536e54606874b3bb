using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Bounds;

/// <summary>
/// A step's output is stored within the bound each attempt's output has (1,048,576 characters of JSON), a loop's
/// combined output too: past it a note says how long it was. Before, a loop of 1,000 iterations stored an 819 MB
/// row, which every later read of the execution parsed whole.
/// </summary>
public sealed class StoredOutputBoundsTests
{
    [Fact]
    public async Task RunAsync_LoopOutputsPastTheBound_StoredAsANoteAndTheRunGoesOn()
    {
        await using var harness = await StartAsync();

        var state = await harness.RunAsync(LoopOutputs.Playbook("""
              - id: after
                needs: [each]
                action: set
                with: { count: "{{ length(steps.each.output) }}" }
            """)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal(3, Step(state, "after").Output.AsObject()["count"].AsNumber());
        var stored = Assert.Single(await harness.Engine.History.GetStepStatesAsync(state.ExecutionId, CancellationToken.None), s => s.StepId == "each");
        Assert.Equal("\"[output of more than 1,048,576 characters (at least 1,228,828) not stored]\"", stored.OutputJson);
    }
}
