using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

public sealed class ReplayTests
{
    private const string Echo = """
        id: echo
        name: Echo
        version: 1.0.0
        inputs:
          who: { type: string }
        steps:
          - id: say
            action: set
            with: { said: "hello {{ inputs.who }}" }
        outputs:
          said: "{{ steps.say.output.said }}"
        """;

    [Fact]
    public async Task ReplayAsync_OfAnEndedExecution_StartsANewOneLinkedToItWithTheSameInputs()
    {
        await using var harness = await StartAsync();
        var original = await harness.RunAsync(Echo, Inputs(("who", Value.From("ops"))));

        var replay = await harness.Engine.ReplayAsync(original.ExecutionId, null, "test", default);
        var state = await harness.Engine.WaitAsync(replay.ExecutionId, TimeSpan.FromSeconds(30), default);

        Assert.False(replay.Existing);
        Assert.NotEqual(original.ExecutionId, replay.ExecutionId);
        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal("hello ops", state.Outputs.AsObject()["said"].AsString());
        var record = await harness.Engine.History.GetExecutionAsync(replay.ExecutionId, default);
        Assert.Equal(original.ExecutionId, record!.ReplayOf);
        Assert.Equal("test", record.StartedBy);
    }

    [Fact]
    public async Task ReplayAsync_WithNewInputs_UsesThem()
    {
        await using var harness = await StartAsync();
        var original = await harness.RunAsync(Echo, Inputs(("who", Value.From("ops"))));

        var replay = await harness.Engine.ReplayAsync(original.ExecutionId, Inputs(("who", Value.From("sre"))), "test", default);
        var state = await harness.Engine.WaitAsync(replay.ExecutionId, TimeSpan.FromSeconds(30), default);

        Assert.Equal("hello sre", state.Outputs.AsObject()["said"].AsString());
    }
}
