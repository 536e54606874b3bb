using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// An idempotent step with retries whose process died after some of its attempts had failed: the process that takes it
/// over counts them against <c>max_attempts</c> and makes again only the attempt that was in flight, so a crash adds no
/// tries. A <c>retry_step</c> before the crash began a new run of the step, with its whole budget.
/// </summary>
public sealed class RetryBudgetTakeoverTests
{
    /// <summary>MAX attempts; each leaves a mark and fails; from mark BLOCK on, it first waits for the file <c>go</c>.</summary>
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
        """;

    [Fact]
    public async Task OpenAsync_ProcessDiedInTheThirdOfFourAttempts_MakesThatOneAgainAndOneMore()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync(new ManualTimeProvider());
        var id = (await first.StartAsync(Request(directory, attempts: 4, block: 3), null, default)).ExecutionId;
        await MarksAsync(directory, 3);
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
        Assert.Contains(logs, line => line.StartsWith("attempt 3 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_ProcessDiedAfterARetryStep_GivesTheStepItsWholeBudget()
    {
        await using var directory = new SharedDataDirectory();
        var clock = new ManualTimeProvider();
        var first = await directory.OpenAsync(clock);
        var id = (await first.StartAsync(Request(directory, attempts: 3, block: 4), null, default)).ExecutionId;
        Assert.Equal(ExecutionStatus.Failed, (await Flow.SettleAsync(first, id)).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        await first.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "flaky"), default);
        await MarksAsync(directory, 4);
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20)));
        File.WriteAllText(directory.PathOf("go"), "");
        var done = await Flow.SettleAsync(second, id);

        // Three failed, the retry_step's first attempt made again, then its two retries.
        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(7, directory.Lines("marks"));
    }

    private static ExecutionRequest Request(SharedDataDirectory directory, int attempts, int block) =>
        Flow.Request(Flaky.Replace("MAX", $"{attempts}", StringComparison.Ordinal).Replace("BLOCK", $"{block}", StringComparison.Ordinal),
            new Dictionary<string, Value> { ["dir"] = Value.From(directory.Directory) });

    private static async Task MarksAsync(SharedDataDirectory directory, int count)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (directory.Lines("marks") < count)
        {
            await Task.Delay(10, bound.Token);
        }
    }
}
