using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Validation;
using static McpPlaybooks.Engine.Tests.Execution.Control.EventSignalTests;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>What the validator says an <c>event</c> step outputs is what it outputs when it runs.</summary>
public sealed class EventOutputsTests
{
    private const string Reading = """
        id: reading-event
        name: Reading event
        version: 1.0.0
        timeout: 30m
        steps:
          - id: hear
            action: event
            with: { type: deployed, correlation: c1, timeout: 10m }
        outputs:
          payload: "{{ steps.hear.output.payload.version }}"
          type: "{{ steps.hear.output.type }}"
          correlation: "{{ steps.hear.output.correlation }}"
          sent_by: "{{ steps.hear.output.sent_by }}"
        """;

    [Fact]
    public void ValidateText_OutputsReadingEveryEventOutput_HasNoDiagnostics()
    {
        Assert.Empty(new PlaybookValidator().ValidateText(Reading, "reading.yaml").Diagnostics);
    }

    [Fact]
    public async Task Signal_EventStep_OutputsExactlyWhatItsDescriptorDeclares()
    {
        await using var harness = await StartAsync();
        var id = await Flow.StartUntilRunningAsync(harness.Engine, Flow.Request(Reading), "hear");

        await harness.Engine.ControlAsync(Signal(id, "deployed", "c1", "1.2.3"), default);
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(
            ActionCatalog.BuiltIn.Find("event")!.Outputs.Order(StringComparer.Ordinal),
            Step(done, "hear").Output.AsObject().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["1.2.3", "deployed", "c1", "test:ci"], new[] { "payload", "type", "correlation", "sent_by" }.Select(k => done.Outputs.AsObject()[k].AsString()));
    }
}
