using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Execution.Durability;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>
/// Once a cancel is under way (its running steps told to stop, finally running), the execution ends cancelled: a pause,
/// resume or signal asked meanwhile, here or through another process, is refused and recorded nowhere. Before, the status
/// was still running, so a pause was accepted ("then the execution is paused") and audited, and never took effect.
/// </summary>
public sealed class CancelUnderWayTests
{
    /// <summary>A long wait, and a finally call that leaves a line in <c>tidying</c> and waits for the file <c>go</c>.</summary>
    private const string SlowFinally = """
        id: cancel-under-way
        name: Cancel under way
        version: 1.0.0
        inputs:
          dir: { type: string }
        steps:
          - id: long
            action: wait
            with: { duration: 1h }
        finally:
          - id: tidy
            action: shell
            with: { command: [/bin/sh, -c, "echo x >> \"$0/tidying\"; while [ ! -e \"$0/go\" ]; do sleep 0.01; done", "{{ inputs.dir }}"] }
        """;

    [Fact]
    public async Task ControlAsync_WhileACancelRunsFinally_RefusesPauseResumeAndSignalRecordingNothing()
    {
        await using var directory = new SharedDataDirectory();
        var engine = await directory.OpenAsync();
        var id = await StartCancelledAsync(directory, engine, engine);

        var refusals = new List<ExecutionRefusedException>();
        foreach (var action in new[] { ControlAction.Pause, ControlAction.Resume, ControlAction.Signal })
        {
            refusals.Add(await Assert.ThrowsAsync<ExecutionRefusedException>(() => engine.ControlAsync(
                PauseAndCancelTests.Ask(id, action) with { SignalType = action == ControlAction.Signal ? "deployed" : null }, default)));
        }

        var done = await EndAsync(directory, engine, id);

        Assert.All(refusals, refusal => Assert.Contains("it is being cancelled", refusal.Message, StringComparison.Ordinal));
        Assert.StartsWith($"cannot pause execution {id}: it is being cancelled", refusals[0].Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Cancelled, done.Status);
        Assert.Equal(["cancel"], (await engine.History.GetAuditAsync(id, default)).Where(a => a.Actor == "test:ops").Select(a => a.Action));
        Assert.Empty(await engine.History.GetSignalsAsync(id, unconsumedOnly: false, default));
    }

    [Fact]
    public async Task ControlAsync_PauseQueuedAfterACancelThroughAnotherEngine_IsRefusedWhenTheOwnerAppliesIt()
    {
        await using var directory = new SharedDataDirectory();
        var owner = await directory.OpenAsync(pollInterval: TimeSpan.FromMilliseconds(100));
        var other = await directory.OpenAsync(pollInterval: TimeSpan.FromMilliseconds(100));
        var id = await StartCancelledAsync(directory, owner, other);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => other.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.Pause), default));
        var done = await EndAsync(directory, owner, id);

        Assert.StartsWith($"cannot pause execution {id}: it is being cancelled", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Cancelled, done.Status);
        Assert.Equal(["cancel"], (await owner.History.GetAuditAsync(id, default)).Where(a => a.Actor == "test:ops").Select(a => a.Action));
    }

    /// <summary>Starts the playbook on <paramref name="owner"/>, cancels it through <paramref name="canceller"/>, and returns once its finally runs.</summary>
    private static async Task<string> StartCancelledAsync(SharedDataDirectory directory, PlaybookEngine owner, PlaybookEngine canceller)
    {
        var request = Flow.Request(SlowFinally, new Dictionary<string, Value> { ["dir"] = Value.From(directory.PathOf("")) });
        var id = await Flow.StartUntilRunningAsync(owner, request, "long");
        await canceller.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.Cancel) with { AnswerWhenRecorded = true }, default);
        await directory.LinesAsync("tidying", 1);
        return id;
    }

    /// <summary>Lets finally end; the execution's settled state.</summary>
    private static Task<ExecutionState> EndAsync(SharedDataDirectory directory, PlaybookEngine owner, string id)
    {
        File.WriteAllText(directory.PathOf("go"), "");
        return Flow.SettleAsync(owner, id);
    }
}
