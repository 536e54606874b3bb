using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>
/// A request that races a cancel is refused or recorded before it, never audited after it and ignored. Here the cancel is
/// accepted while the execution's history writer is held (<see cref="HeldHistoryWriter"/>), so its audit entry is not yet
/// written and its steps not yet told to stop, and the request comes then. Before, the request passed the cancel check
/// (nothing was cancelling yet), and its audit entry was written after the cancel's: the execution ended cancelled with
/// a pause (a decision) audited after the cancel that overrode it.
/// </summary>
public sealed class CancelRaceTests
{
    /// <summary>Step <c>a</c> ends once the file <c>go</c> is there; then a long wait, after a gate when <paramref name="gate"/>.</summary>
    private static string Playbook(bool gate) => $$$"""
        id: cancel-race
        name: Cancel race
        version: 1.0.0
        inputs:
          dir: { type: string }
        steps:
          - id: a
            action: shell
            with: { command: [/bin/sh, -c, "while [ ! -e \"$0/go\" ]; do sleep 0.01; done", "{{ inputs.dir }}"] }
          - id: gate
            {{{(gate ? "approval: { message: \"Go?\", timeout: 1h }" : "needs: [a]")}}}
            action: wait
            with: { duration: 1h }
        """;

    [Fact]
    public async Task ControlAsync_PauseWhileTheCancelBeforeItIsBeingRecorded_IsRefusedAndOnlyTheCancelIsAudited()
    {
        await using var harness = await StartAsync();
        var (id, pause) = await RaceAsync(harness, gate: false, id => harness.Engine.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.Pause), default), requestFirst: false);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => pause);
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.StartsWith($"cannot pause execution {id}: it is being cancelled", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Cancelled, done.Status);
        Assert.Equal(["cancel"], (await harness.Engine.History.GetAuditAsync(id, default)).Where(a => a.Actor == "test:ops").Select(a => a.Action));
    }

    [Fact]
    public async Task DecideAsync_WhileTheCancelBeforeItIsBeingRecorded_IsRefusedAndNoDecisionIsRecorded()
    {
        await using var harness = await StartAsync();
        var (id, approve) = await RaceAsync(harness, gate: true, id => harness.Engine.DecideAsync(ApprovalDecisionTests.Decision(id, "gate", true, "cli:alice"), default), requestFirst: false);

        var refusal = await Assert.ThrowsAsync<ExecutionRefusedException>(() => approve);
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.StartsWith($"cannot decide on execution {id}: it is being cancelled", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Cancelled, done.Status);
        Assert.DoesNotContain(await harness.Engine.History.GetAuditAsync(id, default), a => a.Action == "step_approved");
    }

    [Fact]
    public async Task ControlAsync_CancelWhileAnAcceptedPauseIsBeingRecorded_IsRecordedAfterItAndEndsTheExecution()
    {
        await using var harness = await StartAsync();
        var (id, pause) = await RaceAsync(harness, gate: false, id => harness.Engine.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.Pause), default), requestFirst: true);
        await pause;
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Cancelled, done.Status);
        Assert.Equal(["pause", "cancel"], (await harness.Engine.History.GetAuditAsync(id, default)).Where(a => a.Actor == "test:ops").Select(a => a.Action));
    }

    /// <summary>
    /// With the history writer held, sends the cancel and the <paramref name="request"/> (the request first when
    /// <paramref name="requestFirst"/>), then lets the writer go; returns once the cancel is recorded, with the request's task.
    /// </summary>
    private static async Task<(string Id, Task<ExecutionState> Request)> RaceAsync(EngineHarness harness, bool gate, Func<string, Task<ExecutionState>> request, bool requestFirst)
    {
        var (id, held) = await HoldAsync(harness, gate);
        using (held)
        {
            var first = requestFirst ? request(id) : null;
            var cancel = harness.Engine.ControlAsync(PauseAndCancelTests.Ask(id, ControlAction.Cancel) with { AnswerWhenRecorded = true }, default);
            var asked = first ?? request(id);
            held.Release();
            await cancel;
            return (id, asked);
        }
    }

    /// <summary>Starts the playbook and lets step <c>a</c> end (once <c>gate</c> waits, when it has one); returns with the execution's history writer held.</summary>
    private static async Task<(string Id, HeldHistoryWriter Held)> HoldAsync(EngineHarness harness, bool gate)
    {
        var held = new HeldHistoryWriter("a");
        var probe = new ExecutionProbe();
        harness.Engine.Observe(null, held);
        using (harness.Engine.Observe(null, probe))
        {
            var waiting = gate ? probe.WhenStep("gate", StepStatus.WaitingApproval) : probe.WhenStep("a", StepStatus.Running);
            await harness.Engine.StartAsync(Flow.Request(Playbook(gate), new Dictionary<string, Value> { ["dir"] = Value.From(harness.Directory) }), null, default);
            await waiting;
        }

        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "go"), "");
        return (await held.Held, held);
    }
}
