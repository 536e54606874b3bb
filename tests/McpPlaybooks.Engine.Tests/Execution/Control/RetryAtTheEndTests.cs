using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Durability;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>
/// A request that reopens an ended execution (retry_step, skip_step, rollback) as soon as its end is heard: the drive that
/// ended it is still concluding (its end is recorded and heard a moment before its task completes), and the request waits
/// for it rather than wake it.
/// </summary>
public sealed class RetryAtTheEndTests
{
    /// <summary>A shell step that succeeds once the file <c>inputs.ready</c> names exists.</summary>
    private const string Check = """
        id: retry-at-the-end
        name: Retry at the end
        version: 1.0.0
        inputs:
          ready: { type: string }
        steps:
          - id: check
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/bin/sh, -c, "test -e \"$0\"", "{{ inputs.ready }}"] }
        """;

    [Fact]
    public async Task RetryStep_AskedTheMomentTheFailureIsHeard_RunsTheStepAgainToTheEnd()
    {
        await using var directory = new SharedDataDirectory();
        var engine = await directory.OpenAsync();
        var ready = directory.PathOf("ready");
        var answer = new AnswerAtTheEnd(engine, ready);
        using var _ = engine.Observe(null, answer);

        var id = (await engine.StartAsync(Flow.Request(Check, new Dictionary<string, Value> { ["ready"] = Value.From(ready) }), null, default)).ExecutionId;
        await (await answer.Retried.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        var done = await Flow.SettleAsync(engine, id);

        // Before: the retry's drive only woke the concluding one, which ended, and the execution stayed running, driven by nothing.
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Equal(2, done.Steps.Single().Attempts);
    }

    /// <summary>
    /// Hears the execution fail and asks for the retry at once, from the thread that ended it (as a watcher that answers
    /// within the notification does): the retry's commit is queued before what the ending drive still has to do.
    /// </summary>
    private sealed class AnswerAtTheEnd(PlaybookEngine engine, string ready) : IExecutionObserver
    {
        private int _asked;

        public TaskCompletionSource<Task<ExecutionState>> Retried { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ExecutionChanged(ExecutionState state)
        {
            if (state.Status != ExecutionStatus.Failed || Interlocked.Exchange(ref _asked, 1) != 0)
            {
                return;
            }

            File.WriteAllText(ready, "");
            Retried.TrySetResult(engine.ControlAsync(PauseAndCancelTests.Ask(state.ExecutionId, ControlAction.RetryStep, "check"), default));
        }
    }
}
