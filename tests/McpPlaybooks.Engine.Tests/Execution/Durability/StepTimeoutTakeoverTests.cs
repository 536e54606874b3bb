using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// An idempotent step with a <c>step_timeout</c> whose process died in its second attempt, 8 s after its first began: the
/// process that takes it over gives it only the time left since the first began, and fails it at once when none is left,
/// rather than a whole <c>step_timeout</c> again.
/// </summary>
public sealed class StepTimeoutTakeoverTests
{
    /// <summary>Each attempt leaves a mark and fails: the first once the file <c>one</c> exists, the others once <c>go</c> does.</summary>
    private const string Slow = """
        id: step-timeout-takeover
        name: Step timeout takeover
        version: 1.0.0
        inputs:
          dir: { type: string }
        steps:
          - id: slow
            action: shell
            idempotent: true
            timeout: 50s
            step_timeout: 50s
            rollback: []
            retry: { max_attempts: 5, backoff: fixed, delay: 0s, retry_on: [unknown, dependency] }
            with:
              command: [/bin/sh, -c, "echo x >> \"$0/marks\"; f=go; if [ $(wc -l < \"$0/marks\") -eq 1 ]; then f=one; fi; while [ ! -e \"$0/$f\" ]; do sleep 0.01; done; exit 1", "{{ inputs.dir }}"]
        """;

    [Fact]
    public async Task OpenAsync_StepTimeoutPassedWhileItsProcessWasDown_FailsTheStepAtOnce()
    {
        await using var directory = new SharedDataDirectory();
        var id = await StoppedInTheSecondAttemptAsync(directory);

        var second = await directory.OpenAsync(new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(65)));
        File.WriteAllText(directory.PathOf("go"), "");
        var done = await Flow.SettleAsync(second, id);

        Assert.Equal(2, directory.Lines("marks"));
        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal("step 'slow' exceeded its step_timeout of 50s (counted from its run's first attempt, before its process died)", Step(done, "slow").Error!.Message);
    }

    [Fact]
    public async Task OpenAsync_StepTimeoutPartlySpent_GivesTheAttemptMadeAgainOnlyTheRest()
    {
        await using var directory = new SharedDataDirectory();
        var id = await StoppedInTheSecondAttemptAsync(directory);

        // After the first engine's lease: 20 s of the step's 50 are left, 28 s of the attempt's (it began 22 s before).
        var clock = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(30));
        var second = await directory.OpenAsync(clock);

        await TimesOutAfter20sAsync(directory, second, clock, id);
    }

    [Fact]
    public async Task OpenAsync_PausedAtTheTakeoverForAnHour_TheStepGoesOnWithTheTimeItHadLeft()
    {
        await using var directory = new SharedDataDirectory();
        var (second, clock, id) = await PausedAnHourAtTheTakeoverThenResumedAsync(directory);

        // The hour paused is not the step's: it runs again with the 20 s it had left, and they run out.
        await TimesOutAfter20sAsync(directory, second, clock, id);
    }

    [Fact]
    public async Task OpenAsync_KilledAgainAfterAnHourPausedAtTheFirstTakeover_TheHourStillDoesNotCount()
    {
        await using var directory = new SharedDataDirectory();
        var (second, _, id) = await PausedAnHourAtTheTakeoverThenResumedAsync(directory);
        await directory.LinesAsync("marks", 3);
        await directory.CloseAsync(second);

        // 30 s before the first takeover and 18 s since the resume (the second engine's lease is over): 2 s of 50 are left.
        var third = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(30 + 3600 + 18));
        var engine = await directory.OpenAsync(third);
        await directory.LinesAsync("marks", 4);
        third.Advance(TimeSpan.FromSeconds(2));
        var done = await Flow.SettleAsync(engine, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.StartsWith("step 'slow' exceeded its step_timeout of 50s", Step(done, "slow").Error!.Message, StringComparison.Ordinal);
        Assert.Equal(4, directory.Lines("marks"));
    }

    /// <summary>
    /// Stops the step in its second attempt with a pause asked, takes it over 30 s after it began (the pause is asked again:
    /// it parks paused), and resumes it an hour later.
    /// </summary>
    private static async Task<(PlaybookEngine Engine, ManualTimeProvider Clock, string Id)> PausedAnHourAtTheTakeoverThenResumedAsync(SharedDataDirectory directory)
    {
        var id = await StoppedInTheSecondAttemptAsync(directory, pauseAsked: true);
        var clock = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(30));
        var engine = await directory.OpenAsync(clock);
        Assert.Equal(ExecutionStatus.Paused, (await Flow.SettleAsync(engine, id)).Status);
        clock.Advance(TimeSpan.FromHours(1));
        await engine.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.Resume), default);
        return (engine, clock, id);
    }

    /// <summary>The attempt made again runs (the third mark); 20 s later on <paramref name="clock"/> the step times out, running nothing more.</summary>
    private static async Task TimesOutAfter20sAsync(SharedDataDirectory directory, PlaybookEngine engine, ManualTimeProvider clock, string id)
    {
        await directory.LinesAsync("marks", 3);
        clock.Advance(TimeSpan.FromSeconds(20));
        var done = await Flow.SettleAsync(engine, id);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.StartsWith("step 'slow' exceeded its step_timeout of 50s", Step(done, "slow").Error!.Message, StringComparison.Ordinal);
        Assert.Equal(3, directory.Lines("marks"));
    }

    /// <summary>Starts the step at the manual clock's start, ends its first attempt 8 s later, and stops its engine as a process that dies in the second.</summary>
    private static async Task<string> StoppedInTheSecondAttemptAsync(SharedDataDirectory directory, bool pauseAsked = false)
    {
        var clock = new ManualTimeProvider();
        var first = await directory.OpenAsync(clock);
        var id = (await first.StartAsync(Flow.Request(Slow, new Dictionary<string, Value> { ["dir"] = Value.From(directory.Directory) }), null, default)).ExecutionId;
        await directory.LinesAsync("marks", 1);
        clock.Advance(TimeSpan.FromSeconds(8));
        File.WriteAllText(directory.PathOf("one"), "");
        await directory.LinesAsync("marks", 2);
        if (pauseAsked)
        {
            await first.History.WriteAsync(PendingRequestTakeoverTests.Audit("pause", "execution", id));
        }

        await directory.CloseAsync(first);
        return id;
    }
}
