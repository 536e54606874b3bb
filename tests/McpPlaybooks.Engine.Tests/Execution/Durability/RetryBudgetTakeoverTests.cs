using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// An idempotent step with retries whose process died after some of its attempts had failed: the process that takes it
/// over counts them against <c>max_attempts</c> and makes again only the attempt that was in flight, so a crash adds no
/// tries, even when the step stays pending through a second takeover; a loop's iteration whose attempts had all failed fails
/// at once. A <c>retry_step</c> before the crash began a new run of the step, with its whole budget.
/// </summary>
public sealed class RetryBudgetTakeoverTests
{
    /// <summary>MAX attempts; each leaves a mark and fails; from mark BLOCK on, it first waits for the file <c>go</c>. Another step runs beside it.</summary>
    private const string Flaky = """
        id: retry-budget
        name: Retry budget
        version: 1.0.0
        inputs:
          dir: { type: string }
        steps:
          - id: flaky
            action: shell
            idempotent: true
            timeout: 30s
            rollback: []
            retry: { max_attempts: MAX, backoff: fixed, delay: 0s, retry_on: [unknown, dependency] }
            with:
              command: [/bin/sh, -c, "echo x >> \"$0/marks\"; if [ $(wc -l < \"$0/marks\") -ge BLOCK ]; then while [ ! -e \"$0/go\" ]; do sleep 0.01; done; fi; exit 1", "{{ inputs.dir }}"]
          - { id: other, action: log, with: { message: beside it } }
        """;

    [Fact]
    public async Task OpenAsync_ProcessDiedInTheThirdOfFourAttempts_MakesThatOneAgainAndOneMore()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var id = (await first.StartAsync(Request(directory, attempts: 4, block: 3), null, default)).ExecutionId;
        await directory.LinesAsync("marks", 3);
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        Assert.Equal([$"{id}/flaky"], second.LastResume.Rerun);
        File.WriteAllText(directory.PathOf("go"), "");
        var done = await Flow.SettleAsync(second, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(5, directory.Lines("marks"));
        var attempts = (await second.History.GetAttemptsAsync(id, default)).Where(a => a.StepId == "flaky").ToList();
        Assert.Equal([StepStatus.Failed, StepStatus.Failed, StepStatus.Interrupted, StepStatus.Failed, StepStatus.Failed], attempts.OrderBy(a => a.Attempt).Select(a => a.Status));
        var logs = (await second.History.GetLogsAsync(new LogQuery { ExecutionId = id, Limit = 1000 }, default)).Entries.Select(entry => entry.Message).ToList();
        Assert.Contains(logs, line => line.Contains("the 2 attempt(s) that failed before count against its retries", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.StartsWith("attempt 4 failed", StringComparison.Ordinal)); // the made-again attempt, numbered as history numbers it
    }

    [Fact]
    public async Task StartAsync_WaitingToRetry_ItsRetryLineIsAlreadyCommitted()
    {
        // Held for the next commit, the line was lost when the process died during the delay: the log did not say why the
        // step had run twice.
        await using var directory = new SharedDataDirectory();
        var clock = new ManualTimeProvider();
        var first = await directory.OpenAsync(clock);
        var id = (await first.StartAsync(Flow.Request("""
            id: retry-later
            name: Retry later
            version: 1.0.0
            steps:
              - id: flaky
                action: shell
                retry: { max_attempts: 2, backoff: fixed, delay: 20s, jitter: false, retry_on: [unknown] }
                with: { command: [/bin/sh, -c, "exit 1"] }
            """), null, default)).ExecutionId;
        // The clock is frozen, so the delay never ends and nothing else commits during it: the line is in history only if the
        // retry committed it (another engine timer of 20 s or more, set from the start, made waiting for the delay's timer
        // no sign that the retry had begun).
        var logs = new List<string>();
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!logs.Exists(line => line.StartsWith("attempt 1 failed", StringComparison.Ordinal)))
            {
                await Task.Delay(10, bound.Token);
                logs = [.. (await first.History.GetLogsAsync(new LogQuery { ExecutionId = id, Limit = 100 }, bound.Token)).Entries.Select(entry => entry.Message)];
            }
        }

        Assert.Contains(logs, line => line.StartsWith("attempt 1 failed", StringComparison.Ordinal) && line.EndsWith("retrying in 20s", StringComparison.Ordinal));
        await directory.CloseAsync(first);
    }

    [Fact]
    public async Task OpenAsync_ProcessDiedAfterARetryStep_CountsOnlyTheAttemptsSinceIt()
    {
        await using var directory = new SharedDataDirectory();
        var clock = new ManualTimeProvider();
        var first = await directory.OpenAsync(clock);
        var id = (await first.StartAsync(Request(directory, attempts: 3, block: 5), null, default)).ExecutionId;
        Assert.Equal(ExecutionStatus.Failed, (await Flow.SettleAsync(first, id)).Status);

        // The retry_step and its run's first attempt in the same millisecond, as on a fast machine.
        clock.Advance(TimeSpan.FromSeconds(1));
        await first.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "flaky"), default);
        await directory.LinesAsync("marks", 5);
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        File.WriteAllText(directory.PathOf("go"), "");
        var done = await Flow.SettleAsync(second, id);

        // Three failed; then the retry_step's run: one failed, the one in flight made again, one more.
        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(7, directory.Lines("marks"));
    }

    [Fact]
    public async Task OpenAsync_AnotherStepRetriedWhileItRan_TheStepKeepsItsCount()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var id = (await first.StartAsync(Request(directory, attempts: 3, block: 3), null, default)).ExecutionId;
        await directory.LinesAsync("marks", 3);

        // A retry_step of a step it does not need (as of a failed one, asked while this one ran) began no new run of it.
        await first.History.WriteAsync(PendingRequestTakeoverTests.Audit("retry_step", "step", $"{id}/other"));
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        File.WriteAllText(directory.PathOf("go"), "");

        Assert.Equal(ExecutionStatus.Failed, (await Flow.SettleAsync(second, id)).Status);
        Assert.Equal(4, directory.Lines("marks"));
    }

    [Fact]
    public async Task OpenAsync_PausedAtTheTakeoverThenTakenOverAgain_TheStepKeepsItsCount()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var id = (await first.StartAsync(Request(directory, attempts: 3, block: 3), null, default)).ExecutionId;
        await directory.LinesAsync("marks", 3);
        await first.History.WriteAsync(PendingRequestTakeoverTests.Audit("pause", "execution", id));
        await directory.CloseAsync(first);

        // The pause is asked again at the takeover: the step, pending again, does not start before this process dies too.
        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        Assert.Equal(ExecutionStatus.Paused, (await Flow.SettleAsync(second, id)).Status);
        await directory.CloseAsync(second);

        var third = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(40)));
        File.WriteAllText(directory.PathOf("go"), "");
        await third.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.Resume), default);
        var done = await Flow.SettleAsync(third, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(4, directory.Lines("marks"));
    }

    /// <summary>
    /// Iteration <c>a</c> fails at once, every time; <c>b</c> waits for the file <c>go</c>, then completes. <c>b</c> comes first,
    /// so that its process runs before <c>a</c>'s failures open the breaker of their common executable (it would then wait
    /// for the breaker, on a clock that does not move).
    /// </summary>
    private const string Loop = """
        id: retry-budget-loop
        name: Retry budget loop
        version: 1.0.0
        inputs:
          dir: { type: string }
        steps:
          - id: each
            action: shell
            foreach: [b, a]
            concurrency: 2
            idempotent: true
            timeout: 30s
            rollback: []
            retry: { max_attempts: 3, backoff: fixed, delay: 0s, retry_on: [unknown, dependency] }
            with:
              command: [/bin/sh, -c, "echo x >> \"$0/$1\"; if [ \"$1\" = a ]; then exit 1; fi; while [ ! -e \"$0/go\" ]; do sleep 0.01; done", "{{ inputs.dir }}", "{{ item }}"]
        """;

    [Fact]
    public async Task OpenAsync_LoopIterationThatFailedOnceThenCompleted_CountsNothingAgainstTheOneRunAgain()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var id = (await first.StartAsync(Flow.Request(Loop.Replace("foreach: [b, a]", "foreach: [a, b]", StringComparison.Ordinal).Replace("concurrency: 2", "concurrency: 1", StringComparison.Ordinal).Replace(
            """if [ \"$1\" = a ]; then exit 1; fi;""", """if [ \"$1\" = a ]; then [ $(wc -l < \"$0/a\") -gt 1 ]; exit $?; fi;""", StringComparison.Ordinal),
            new Dictionary<string, Value> { ["dir"] = Value.From(directory.Directory) }), null, default)).ExecutionId;
        await directory.LinesAsync("b", 1);
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        File.WriteAllText(directory.PathOf("go"), "");
        var done = await Flow.SettleAsync(second, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal((2, 2), (directory.Lines("a"), directory.Lines("b")));
        var logs = (await second.History.GetLogsAsync(new LogQuery { ExecutionId = id, Limit = 1000 }, default)).Entries.Select(entry => entry.Message).ToList();
        Assert.Contains(logs, line => line.StartsWith("resumed after its process died", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("failed before count against its retries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_LoopIterationWhoseAttemptsHadAllFailed_FailsTheStepAtOnce()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var id = (await first.StartAsync(Flow.Request(Loop, new Dictionary<string, Value> { ["dir"] = Value.From(directory.Directory) }), null, default)).ExecutionId;
        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.Iteration == 1 && attempt.Attempt == 3 && attempt.Status == StepStatus.Failed);
        await directory.LinesAsync("b", 1);
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        File.WriteAllText(directory.PathOf("go"), "");
        var done = await Flow.SettleAsync(second, id);

        // a makes no 4th try; b, first in order, was started again before a failed and finishes, as running iterations do.
        Assert.Equal((3, 2), (directory.Lines("a"), directory.Lines("b")));
        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Contains("(its 3 attempts had failed when its process died)", Step(done, "each").Error!.Message, StringComparison.Ordinal);
    }

    private static ExecutionRequest Request(SharedDataDirectory directory, int attempts, int block) =>
        Flow.Request(Flaky.Replace("MAX", $"{attempts}", StringComparison.Ordinal).Replace("BLOCK", $"{block}", StringComparison.Ordinal),
            new Dictionary<string, Value> { ["dir"] = Value.From(directory.Directory) });
}
