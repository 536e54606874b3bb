using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A <c>finally</c> or rollback call run again after its process died in one of its attempts goes on with its run's retry
/// budget: the attempts that had failed before count (the one in flight is made again). Its 3 attempts: 1 and 2 time out,
/// 3 is in flight when the process stops; the takeover makes attempt 4, the last. Before, the call ran again with a fresh
/// budget of 3 (attempts 4, 5 and 6).
/// </summary>
public sealed class CallRetryTakeoverTests
{
    /// <summary>A call that waits 60 s with a timeout of 10 s: each attempt times out once the clock passes it.</summary>
    private const string Linger = "wait, timeout: 10s, with: { duration: 60s }";

    /// <summary>Every call has 3 attempts, retried after 1 s when one times out.</summary>
    private const string Header = """
        id: call-retry-takeover
        name: Call retry takeover
        version: 1.0.0
        defaults:
          retry: { max_attempts: 3, backoff: fixed, delay: 1s, jitter: false, retry_on: [timeout] }
        """;

    private const string Finally = $$"""
        {{Header}}
        steps:
          - id: a
            action: log
            with: { message: a }
        finally:
          - { id: linger, action: {{Linger}} }
        """;

    private const string Rollback = $$"""
        {{Header}}
        on_failure: rollback
        steps:
          - id: make
            action: set
            with: { made: true }
            rollback:
              - { action: {{Linger}} }
          - id: check
            needs: [make]
            action: assert
            with: { that: "false", message: "asked to fail" }
        """;

    [Theory]
    [InlineData(Finally, "linger")]
    [InlineData(Rollback, "make.rollback[0]")]
    public async Task OpenAsync_StoppedInACallsThirdAttempt_TheTakeoverMakesOnlyTheAttemptItsBudgetHasLeft(string playbook, string call)
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var id = (await first.StartAsync(Flow.Request(playbook), null, default)).ExecutionId;
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                await frozen.WaitForTimerDueAsync(TimeSpan.FromSeconds(10), bound.Token); // the attempt's timeout
                frozen.Advance(TimeSpan.FromSeconds(10));
                await frozen.WaitForTimerDueAsync(TimeSpan.FromSeconds(1), bound.Token); // the retry's delay
                frozen.Advance(TimeSpan.FromSeconds(1));
            }
        }

        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.StepId == call && attempt is { Attempt: 3, Status: StepStatus.Running });

        var (second, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(
            [(1, StepStatus.Failed), (2, StepStatus.Failed), (3, StepStatus.Interrupted), (4, StepStatus.Failed)],
            await TakeoverTests.CallAttemptsAsync(second, id, call));
        Assert.NotEqual(ExecutionStatus.Running, done.Status);
        Assert.Contains(await TakeoverTests.LogLinesAsync(second, id), line => line ==
            $"{call} (wait) runs again after a takeover: its attempt 3 was running when its process died (recorded interrupted); its 2 failed attempts before it count against its retries");
    }
}
