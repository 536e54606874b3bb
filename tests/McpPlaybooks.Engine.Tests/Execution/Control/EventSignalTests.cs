using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>The <c>event</c> action and <c>signal</c>: type and correlation must match; signals are recorded and consumed once.</summary>
public sealed class EventSignalTests
{
    private const string Listening = """
        id: listening
        name: Listening
        version: 1.0.0
        steps:
          - id: hear
            action: event
            with: { type: deployed, correlation: c1, timeout: 10m }
        outputs:
          version: "{{ steps.hear.output.payload.version }}"
        """;

    [Fact]
    public async Task Signal_MatchingTypeAndCorrelation_CompletesTheEventStepAndOthersStayUnconsumed()
    {
        await using var harness = await StartAsync();
        var id = await Flow.StartUntilRunningAsync(harness.Engine, Flow.Request(Listening), "hear");

        await harness.Engine.ControlAsync(Signal(id, "deployed", "c2", "wrong-correlation"), default);
        await harness.Engine.ControlAsync(Signal(id, "rolled-back", "c1", "wrong-type"), default);
        await harness.Engine.ControlAsync(Signal(id, "deployed", "c1", "1.2.3"), default);
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal("1.2.3", done.Outputs.AsObject()["version"].AsString());
        Assert.Equal("test:ci", Step(done, "hear").Output.AsObject()["sent_by"].AsString());
        var signals = await harness.Engine.History.GetSignalsAsync(id, unconsumedOnly: false, default);
        Assert.Equal(3, signals.Count);
        var consumed = Assert.Single(signals, s => s.ConsumedBy is not null);
        Assert.Equal(("deployed", "c1", "hear#1"), (consumed.Type, consumed.Correlation, consumed.ConsumedBy));
        Assert.Equal(2, (await harness.Engine.History.GetSignalsAsync(id, unconsumedOnly: true, default)).Count);
    }

    [Fact]
    public async Task Signal_SentBeforeTheEventStepStarts_IsConsumedWhenItDoes()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync("""
            id: early-signal
            name: Early signal
            version: 1.0.0
            steps:
              - id: gate
                action: approval
                with: { message: "Listen?" }
              - id: hear
                needs: [gate]
                action: event
                with: { type: deployed, timeout: 10m }
            """);
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);

        await harness.Engine.ControlAsync(Signal(parked.ExecutionId, "deployed", "any", "early"), default);
        Assert.Equal(StepStatus.Pending, Step((await harness.Engine.GetStateAsync(parked.ExecutionId, default))!, "hear").Status);
        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "gate", true, "alice"), default);
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal("early", Step(done, "hear").Output.AsObject()["payload"].AsObject()["version"].AsString());
        Assert.Empty(await harness.Engine.History.GetSignalsAsync(parked.ExecutionId, unconsumedOnly: true, default));
    }

    [Fact]
    public async Task EventStep_NoMatchingSignalBeforeItsTimeout_FailsWithCategoryTimeout()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var id = await Flow.StartUntilTimerAsync(harness.Engine, Flow.Request(Listening), clock); // the event's deadline: the only timer on the engine's clock
        await harness.Engine.ControlAsync(Signal(id, "deployed", "c2", "wrong-correlation"), default);

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(StepStatus.Running, Step((await harness.Engine.GetStateAsync(id, default))!, "hear").Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(ErrorCategory.Timeout, Step(done, "hear").Error!.Category);
        Assert.Equal("event: no signal of type 'deployed' with correlation 'c1' arrived within 10m", Step(done, "hear").Error!.Message);
        Assert.Single(await harness.Engine.History.GetSignalsAsync(id, unconsumedOnly: true, default));
    }

    [Fact]
    public async Task Signal_EndedExecution_IsRefusedNamingTheState()
    {
        await using var harness = await StartAsync();
        var done = await harness.RunAsync("""
            id: quick
            name: Quick
            version: 1.0.0
            steps:
              - id: only
                action: log
                with: { message: hi }
            """);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.ControlAsync(Signal(done.ExecutionId, "deployed", null, "late"), default));

        Assert.Equal(RefusalKind.InvalidTransition, refusal.Kind);
        Assert.Contains("it is completed", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.Engine.History.GetSignalsAsync(done.ExecutionId, unconsumedOnly: false, default));
    }

    [Fact]
    public async Task Signal_PayloadHoldingTheExecutionsSecretInput_IsStoredMasked()
    {
        // It was masked with the engine's masker, which does not know an execution's secret inputs.
        await using var harness = await StartAsync();
        var id = await Flow.StartUntilRunningAsync(harness.Engine, Flow.Request("""
            id: listening-secretly
            name: Listening secretly
            version: 1.0.0
            inputs:
              token: { type: string, secret: true }
            steps:
              - id: hear
                action: event
                with: { type: deployed, timeout: 10m }
            """, Inputs(("token", Value.From("input-token-4711")))), "hear");

        await harness.Engine.ControlAsync(Signal(id, "deployed", null, "built with input-token-4711"), default);
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal("{\"version\":\"built with ***\"}", Assert.Single(await harness.Engine.History.GetSignalsAsync(id, unconsumedOnly: false, default)).PayloadJson);
    }

    internal static ControlRequest Signal(string executionId, string type, string? correlation, string version) => new()
    {
        ExecutionId = executionId,
        Action = ControlAction.Signal,
        SignalType = type,
        Correlation = correlation,
        Payload = Value.From([KeyValuePair.Create("version", Value.From(version))]),
        RequestedBy = "test:ci",
    };
}
