using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A step that is not idempotent, whose process died while it waited to retry (its failed attempt recorded, none
/// running): it is interrupted, as a step in flight is, and says that it was between attempts.
/// </summary>
public sealed class BetweenAttemptsTakeoverTests
{
    [Fact]
    public async Task OpenAsync_StepWaitingToRetryWhenItsProcessDied_IsInterruptedSayingItWasBetweenAttempts()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var id = (await first.StartAsync(Flow.Request("""
            id: retry-takeover
            name: Retry takeover
            version: 1.0.0
            inputs:
              ready: { type: string }
            steps:
              - id: flaky
                action: shell
                timeout: 30s
                rollback: []
                retry: { max_attempts: 3, backoff: fixed, delay: 60s, retry_on: [unknown, dependency] }
                with: { command: [test, -e, "{{ inputs.ready }}"] }
            """, new Dictionary<string, Value> { ["ready"] = Value.From(directory.PathOf("ready")) }), null, default)).ExecutionId;
        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.StepId == "flaky" && attempt.Status == StepStatus.Failed);
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        var paused = await Flow.SettleAsync(second, id);

        Assert.Equal(ExecutionStatus.Paused, paused.Status);
        var flaky = Step(paused, "flaky");
        Assert.Equal(StepStatus.Interrupted, flaky.Status);
        Assert.StartsWith("interrupted: its process died between two of its attempts (none was running; each one's end is recorded)", flaky.Error!.Message, StringComparison.Ordinal);

        File.WriteAllText(directory.PathOf("ready"), "");
        await second.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "flaky"), default);
        Assert.Equal(ExecutionStatus.Completed, (await Flow.SettleAsync(second, id)).Status);
    }
}
