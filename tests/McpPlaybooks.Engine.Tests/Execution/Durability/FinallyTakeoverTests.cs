using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// An execution whose process stopped during <c>finally</c> is ended by the engine that takes it over, and the finally
/// calls whose end was committed do not run again; those an earlier end ran, before a <c>retry_step</c> reopened the
/// execution, do.
/// </summary>
public sealed class FinallyTakeoverTests
{
    /// <summary>
    /// A shell step that succeeds once the file <c>inputs.ready</c> names exists; finally, ORDER: <c>note</c> leaves a mark
    /// in <c>inputs.mark</c>, <c>linger</c> waits 60 s on the engine's clock.
    /// </summary>
    private const string Ending = """
        id: finally-takeover
        name: Finally takeover
        version: 1.0.0
        inputs:
          ready: { type: string }
          mark: { type: string }
        steps:
          - id: check
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/bin/sh, -c, "test -e \"$0\"", "{{ inputs.ready }}"] }
        finally:
          ORDER
        """;

    private const string Note = """{ id: note, action: shell, with: { command: [/bin/sh, -c, "echo x >> \"$0\"", "{{ inputs.mark }}"] } }""";

    private const string Linger = """{ id: linger, action: wait, with: { duration: 60s } }""";

    [Fact]
    public async Task OpenAsync_StoppedDuringFinally_EndsTheExecutionWithoutRunningACompletedCallAgain()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        File.WriteAllText(directory.PathOf("ready"), "");
        var id = (await first.StartAsync(Request(directory, Note, Linger), null, default)).ExecutionId;
        await FinallyCompletedAsync(first, id, "note");

        var (_, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(1, Marks(directory));
        Assert.All(done.Finally, call => Assert.Equal(StepStatus.Completed, call.Status));
    }

    [Fact]
    public async Task OpenAsync_StoppedInAFinallyCall_KeepsItsAttemptInterruptedAndRecordsTheRunAgainAsTheNext()
    {
        // The call run again wrote attempt 1 again: history kept no trace of the run its process died in.
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        File.WriteAllText(directory.PathOf("ready"), "");
        var id = (await first.StartAsync(Request(directory, Note, Linger), null, default)).ExecutionId;
        await TakeoverTests.AttemptRecordedAsync(first, id, attempt => attempt.StepId == "linger");

        var (second, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal([(1, StepStatus.Interrupted), (2, StepStatus.Completed)], await TakeoverTests.CallAttemptsAsync(second, id, "linger"));
        Assert.Equal(StepStatus.Completed, done.Finally.Single(call => call.Id == "linger").Status);
        Assert.Contains(await TakeoverTests.LogLinesAsync(second, id), line => line.StartsWith("linger (wait) runs again after a takeover", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_StoppedDuringTheFinallyOfAReopenedExecution_RunsTheEarlierEndsCallsAgain()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var id = (await first.StartAsync(Request(directory, Linger, Note), null, default)).ExecutionId;
        await CheckEndedAsync(first, id, StepStatus.Failed);
        var failed = await TakeoverTests.CompleteWaitAsync(first, frozen, id);
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal(1, Marks(directory));

        // Reopened a second later; its finally stops in linger, before note runs again.
        File.WriteAllText(directory.PathOf("ready"), "");
        frozen.Advance(TimeSpan.FromSeconds(1));
        await first.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.RetryStep, "check"), default);
        await CheckEndedAsync(first, id, StepStatus.Completed);
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await frozen.WaitForTimerDueAsync(TimeSpan.FromSeconds(60), bound.Token); // linger's, not check's 30 s timeout
        }

        var (_, done) = await TakeoverTests.TakeOverAndCompleteWaitAsync(directory, first, frozen, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(2, Marks(directory));
    }

    private static ExecutionRequest Request(SharedDataDirectory directory, string firstCall, string secondCall) => Flow.Request(
        Ending.Replace("ORDER", $"- {firstCall}\n  - {secondCall}", StringComparison.Ordinal),
        new Dictionary<string, Value> { ["ready"] = Value.From(directory.PathOf("ready")), ["mark"] = Value.From(directory.PathOf("mark")) });

    /// <summary>How many times <c>note</c> ran: the lines of its mark.</summary>
    private static int Marks(SharedDataDirectory directory) => directory.Lines("mark");

    private static Task FinallyCompletedAsync(PlaybookEngine engine, string executionId, string callId) => TakeoverTests.AttemptRecordedAsync(engine, executionId, attempt =>
        attempt.Kind == AttemptKind.Finally && attempt.StepId == callId && attempt.Status == StepStatus.Completed);

    /// <summary>Returns once step <c>check</c> has an attempt that ended <paramref name="status"/> (its timeout's timer may still be set a moment).</summary>
    private static Task CheckEndedAsync(PlaybookEngine engine, string executionId, StepStatus status) => TakeoverTests.AttemptRecordedAsync(engine, executionId, attempt =>
        attempt.Kind == AttemptKind.Step && attempt.StepId == "check" && attempt.Status == status);
}
