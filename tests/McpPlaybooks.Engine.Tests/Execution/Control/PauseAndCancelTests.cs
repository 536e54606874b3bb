using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.Control.ApprovalDecisionTests;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution.Control;

/// <summary>pause, resume and cancel through the engine, on running and on parked executions.</summary>
public sealed class PauseAndCancelTests
{
    private const string Gated = """
        id: gated-cancel
        name: Gated cancel
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Go?", timeout: 1h }
            action: set
            with: { done: true }
        finally:
          - action: log
            with: { message: "finally: {{ execution.status }}" }
        """;

    /// <summary>A step blocked on a pipe until the test writes it, then a step that leaves a marker.</summary>
    private static string Blocking(string fifo, string marker) => $$"""
        id: blocking
        name: Blocking
        version: 1.0.0
        steps:
          - id: long
            action: shell
            with: { command: [sh, -c, "read x < {{fifo}}"] }
          - id: next
            needs: [long]
            action: shell
            with: { command: [touch, "{{marker}}"] }
        """;

    [Fact]
    public async Task Pause_RunningExecution_LetsTheRunningStepFinishStartsNoNewStepAndParks()
    {
        await using var harness = await StartAsync();
        var fifo = await Flow.FifoAsync(harness.PathOf("release"));
        var marker = harness.PathOf("next.ran");
        var id = await Flow.StartUntilRunningAsync(harness.Engine, Flow.Request(Blocking(fifo, marker)), "long");

        var resumeRunning = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.ControlAsync(Ask(id, ControlAction.Resume), default));
        Assert.EndsWith("it is running. In that state the allowed actions are: pause, cancel, signal.", resumeRunning.Message, StringComparison.Ordinal);
        await harness.Engine.ControlAsync(Ask(id, ControlAction.Pause), default);
        await Flow.WriteFifoAsync(fifo);
        var paused = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Paused, paused.Status);
        Assert.Equal(StepStatus.Completed, Step(paused, "long").Status);
        Assert.Equal(StepStatus.Pending, Step(paused, "next").Status);
        Assert.False(File.Exists(marker));
        Assert.Equal(1, harness.Engine.HeldExecutions);
        Assert.True(harness.Engine.WaitIdleAsync(default).IsCompletedSuccessfully);

        await harness.Engine.ControlAsync(Ask(id, ControlAction.Resume), default);
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task Resume_BeforeThePauseTakesEffect_TheRunGoesOnWithoutParking()
    {
        await using var harness = await StartAsync();
        var fifo = await Flow.FifoAsync(harness.PathOf("release"));
        var marker = harness.PathOf("next.ran");
        var id = await Flow.StartUntilRunningAsync(harness.Engine, Flow.Request(Blocking(fifo, marker)), "long");

        await harness.Engine.ControlAsync(Ask(id, ControlAction.Pause), default);
        var twice = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.ControlAsync(Ask(id, ControlAction.Pause), default));
        await harness.Engine.ControlAsync(Ask(id, ControlAction.Resume), default);
        await Flow.WriteFifoAsync(fifo);
        var done = await Flow.SettleAsync(harness.Engine, id);

        Assert.EndsWith("it is paused. In that state the allowed actions are: resume, cancel, signal.", twice.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task Cancel_RunningExecution_KillsTheProcessTreeAndRunsFinally()
    {
        await using var harness = await StartAsync();
        var fifo = await Flow.FifoAsync(harness.PathOf("pid"));
        var id = (await harness.Engine.StartAsync(Flow.Request($$$"""
            id: cancel-running
            name: Cancel running
            version: 1.0.0
            steps:
              - id: long
                action: shell
                with: { command: [sh, -c, "sleep 60 & echo $! > {{{fifo}}}; wait"] }
              - id: next
                needs: [long]
                action: log
                with: { message: never }
            finally:
              - action: log
                with: { message: "finally: {{ execution.status }}" }
            """), null, default)).ExecutionId;
        var grandchild = int.Parse((await Flow.ReadFifoAsync(fifo)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var cancelled = await harness.Engine.ControlAsync(Ask(id, ControlAction.Cancel), default);

        Assert.Equal(ExecutionStatus.Cancelled, cancelled.Status);
        Assert.Equal(StepStatus.Cancelled, Step(cancelled, "long").Status);
        Assert.Equal("not_run", EnumNames.ToName(Step(cancelled, "next").Status));
        Assert.True(ProcessProbe.IsGoneAfterReaping(grandchild), $"sleep {grandchild} survived the cancel");
        Assert.Contains("finally: cancelled", (await harness.LogsAsync(id)).Select(l => l.Message));
        Assert.Contains(await harness.Engine.History.GetAuditAsync(id, default), a => a.Action == "cancel" && a.Actor == "test:ops");
    }

    [Fact]
    public async Task Cancel_ParkedAtAGate_CancelsTheGateRunsFinallyAndLaterDecisionsAreRefused()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(Gated);
        Assert.Equal(1, harness.Engine.HeldExecutions);
        Assert.True(harness.Engine.WaitIdleAsync(default).IsCompletedSuccessfully);

        var cancelled = await harness.Engine.ControlAsync(Ask(parked.ExecutionId, ControlAction.Cancel), default);

        Assert.Equal(ExecutionStatus.Cancelled, cancelled.Status);
        Assert.Equal(StepStatus.Cancelled, Step(cancelled, "risky").Status);
        Assert.Empty(cancelled.PendingApprovals);
        Assert.Contains("finally: cancelled", (await harness.LogsAsync(parked.ExecutionId)).Select(l => l.Message));
        var late = await Assert.ThrowsAsync<ExecutionRefusedException>(() =>
            harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "alice"), default));
        Assert.Equal(RefusalKind.NoPendingGate, late.Kind);
        var again = await Assert.ThrowsAsync<ExecutionRefusedException>(() => harness.Engine.ControlAsync(Ask(parked.ExecutionId, ControlAction.Cancel), default));
        Assert.EndsWith("it is cancelled. In that state the allowed actions are: rollback.", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_ParkedAtAGate_StaysPausedThroughTheDecisionAndResumeGoesOn()
    {
        await using var harness = await StartAsync();
        var parked = await harness.RunAsync(Gated);

        var paused = await harness.Engine.ControlAsync(Ask(parked.ExecutionId, ControlAction.Pause), default);
        Assert.Equal(ExecutionStatus.Paused, paused.Status);
        await harness.Engine.DecideAsync(Decision(parked.ExecutionId, "risky", true, "alice"), default);
        var still = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);
        Assert.Equal(ExecutionStatus.Paused, still.Status);
        Assert.Equal(StepStatus.WaitingApproval, Step(still, "risky").Status);

        await harness.Engine.ControlAsync(Ask(parked.ExecutionId, ControlAction.Resume), default);
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Completed, done.Status);
        Assert.Contains("finally: completed", (await harness.LogsAsync(parked.ExecutionId)).Select(l => l.Message));
    }

    [Fact]
    public async Task ParkedExecution_HoldsNoTaskAndItsDeadlineLivesInTheIndex()
    {
        var clock = new ManualTimeProvider();
        await using var harness = await StartAsync(time: clock);
        var parked = await harness.RunAsync(Gated);

        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);
        Assert.Equal(1, harness.Engine.HeldExecutions);
        Assert.True(harness.Engine.WaitIdleAsync(default).IsCompletedSuccessfully);
        Assert.Equal(1, clock.ActiveTimerCount);

        clock.Advance(TimeSpan.FromHours(1));
        var done = await Flow.SettleAsync(harness.Engine, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal(0, clock.ActiveTimerCount);
    }

    /// <summary>
    /// A cancel sent the moment the step reaches its gate (as a task client does on <c>input_required</c>) may arrive while
    /// the drive is parking: it must still end the execution, never leave it waiting at the gate for good.
    /// </summary>
    [Fact]
    public async Task Cancel_AsTheRunReachesItsGate_IsNeverLost()
    {
        await using var harness = await StartAsync();
        for (var i = 0; i < 30; i++)
        {
            var probe = new ExecutionProbe();
            using var observing = harness.Engine.Observe(null, probe);
            var atGate = probe.WhenStep("risky", StepStatus.WaitingApproval);
            var start = await harness.Engine.StartAsync(Flow.Request(Gated), null, default);
            await atGate;
            var cancelled = await harness.Engine.ControlAsync(Ask(start.ExecutionId, ControlAction.Cancel), default).WaitAsync(TimeSpan.FromSeconds(30));
            var state = await Flow.SettleAsync(harness.Engine, start.ExecutionId);

            Assert.Equal(ExecutionStatus.Cancelled, state.Status);
            Assert.Equal(ExecutionStatus.Cancelled, cancelled.Status);
        }
    }

    /// <summary>
    /// A pause sent the moment the run parks at its gate, while its drive has not ended yet (the cascade from a parent
    /// does this), pauses it as a later one does. It used to be asked of a drive that had already passed its last look at
    /// the pause: the execution stayed waiting_approval, and the pause returned that state.
    /// </summary>
    [Fact]
    public async Task Pause_AsTheRunParksAtItsGate_IsNeverLost()
    {
        await using var harness = await StartAsync();
        var gate = new PauseAtTheGate(harness.Engine);
        using var observing = harness.Engine.Observe(null, gate);
        var start = await harness.Engine.StartAsync(Flow.Request(Gated), null, default);

        var paused = await (await gate.Sent.WaitAsync(TimeSpan.FromSeconds(30))).WaitAsync(TimeSpan.FromSeconds(30));
        var state = await Flow.SettleAsync(harness.Engine, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Paused, paused.Status);
        Assert.Equal(ExecutionStatus.Paused, state.Status);
        Assert.Equal(StepStatus.WaitingApproval, Step(state, "risky").Status);
    }

    internal static ControlRequest Ask(string executionId, ControlAction action, string? stepId = null) =>
        new() { ExecutionId = executionId, Action = action, StepId = stepId, RequestedBy = "test:ops" };

    /// <summary>
    /// Sends a pause when the execution is heard waiting at its gate, from the drive that parks it, and holds that drive
    /// until the pause has returned: so the pause arrives before the drive has ended. A pause that waits for the drive
    /// (as it must) is let through after <see cref="HoldLimit"/>.
    /// </summary>
    private sealed class PauseAtTheGate(PlaybookEngine engine) : IExecutionObserver
    {
        private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(1);
        private readonly TaskCompletionSource<Task<ExecutionState>> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The pause, once sent.</summary>
        public Task<Task<ExecutionState>> Sent => _sent.Task;

        public void ExecutionChanged(ExecutionState state)
        {
            if (state.Status != ExecutionStatus.WaitingApproval || _sent.Task.IsCompleted)
            {
                return;
            }

            var pause = Task.Run(() => engine.ControlAsync(Ask(state.ExecutionId, ControlAction.Pause), default));
            _sent.TrySetResult(pause);
            try
            {
                // Blocks the drive on purpose (observers are called on the engine's tasks): nothing else runs this execution.
                pause.Wait(HoldLimit);
            }
            catch (AggregateException)
            {
                // The test sees the pause's failure when it awaits it.
            }
        }
    }
}
