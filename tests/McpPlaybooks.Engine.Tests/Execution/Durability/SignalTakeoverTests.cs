using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A signal is consumed (committed) before the <c>event</c> step's end is. A process that died in between left it
/// consumed by an attempt that never ended: the attempt that takes over gets it again, instead of waiting for a signal
/// that was already sent. One that an attempt consumed and ended with (it failed, say) is not given to the next.
/// </summary>
public sealed class SignalTakeoverTests
{
    private const string Listening = """
        id: signal-takeover
        name: Signal takeover
        version: 1.0.0
        steps:
          - id: hear
            action: event
            with: { type: deployed, timeout: 10m }
            VERIFY
        outputs:
          version: "{{ steps.hear.output.payload.version }}"
        """;

    [Fact]
    public async Task OpenAsync_SignalConsumedByTheAttemptInFlight_GivesItToTheAttemptThatTakesOver()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var id = (await first.StartAsync(Flow.Request(Listening.Replace("VERIFY", "", StringComparison.Ordinal)), null, default)).ExecutionId;
        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.StepId == "hear" && attempt.Status == StepStatus.Running);

        // What a process killed between the signal's consumption and the step's end leaves.
        await first.History.AppendSignalAsync(Signal(id, "1.2.3") with { ConsumedBy = "hear#1", ConsumedAt = frozen.GetUtcNow() }, default);
        await directory.CloseAsync(first);
        var second = await directory.OpenAsync(new ManualTimeProvider(frozen.GetUtcNow().AddSeconds(20)));
        var done = await Flow.SettleAsync(second, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal("1.2.3", done.Outputs.AsObject()["version"].AsString());
        Assert.Equal("hear#2", Assert.Single(await second.History.GetSignalsAsync(id, unconsumedOnly: false, default)).ConsumedBy);
    }

    [Fact]
    public async Task RetryStep_SignalConsumedByTheAttemptThatFailed_TheNextAttemptWaitsForANewOne()
    {
        await using var directory = new SharedDataDirectory();
        var engine = await directory.OpenAsync();
        var verified = Listening.Replace("VERIFY", """
            verify:
                  - action: assert
                    with: { that: "steps.hear.output.payload.version != 'bad'", message: "a bad version" }
            """, StringComparison.Ordinal);
        var id = await Flow.StartUntilRunningAsync(engine, Flow.Request(verified), "hear");
        await engine.ControlAsync(EventSignalTests.Signal(id, "deployed", null, "bad"), default);
        Assert.Equal(ExecutionStatus.Failed, (await Flow.SettleAsync(engine, id)).Status);

        await engine.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "hear"), default);
        await engine.ControlAsync(EventSignalTests.Signal(id, "deployed", null, "1.2.3"), default);
        var done = await Flow.SettleAsync(engine, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal("1.2.3", done.Outputs.AsObject()["version"].AsString());
        Assert.Equal(["hear#1", "hear#2"], (await engine.History.GetSignalsAsync(id, unconsumedOnly: false, default)).Select(s => s.ConsumedBy));
    }

    private static SignalRecord Signal(string executionId, string version) => new()
    {
        ExecutionId = executionId,
        Type = "deployed",
        PayloadJson = $$"""{"version":"{{version}}"}""",
        SentBy = "test:ci",
        At = ManualTimeProvider.DefaultStart,
    };
}
