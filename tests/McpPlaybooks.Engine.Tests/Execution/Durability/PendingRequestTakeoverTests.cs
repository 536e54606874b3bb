using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Tests.Execution.Control;
using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Engine.Tests.Execution.Durability;

/// <summary>
/// A cancel recorded in the audit by a process that stopped before it ended the execution (what a crash right after the
/// request's commit leaves) is carried out by the engine that takes the execution over, whether it was parked at a gate
/// or running (a cancelled execution is never reopened, so a cancel that ended one is never carried out twice). The CLI's kill sweep (<c>CancelCrashTests</c>) makes the same
/// state with a real SIGKILL, on SQLite.
/// </summary>
public sealed class PendingRequestTakeoverTests
{
    /// <summary>A gate (alice decides) before a step; the step after it.</summary>
    internal const string Gated = """
        id: pending-cancel
        name: Pending cancel
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Go?", approvers: [alice] }
            action: set
            with: { done: true }
          - id: after
            needs: [risky]
            action: set
            with: { done: true }
        """;

    [Fact]
    public async Task OpenAsync_GateWithACancelRecordedAndNotCarriedOut_EndsTheExecutionCancelled()
    {
        await using var directory = new SharedDataDirectory();
        var first = await directory.OpenAsync();
        var parked = await first.RunAsync(Flow.Request(Gated), null, default);
        Assert.Equal(ExecutionStatus.WaitingApproval, parked.Status);
        await first.History.WriteAsync(Cancel(parked.ExecutionId));
        await directory.CloseAsync(first);

        var second = await directory.OpenAsync();
        var done = await Flow.SettleAsync(second, parked.ExecutionId);

        Assert.Equal(ExecutionStatus.Cancelled, done.Status);
        Assert.DoesNotContain(done.Steps, step => step.Status == StepStatus.Completed);
        var audit = await second.History.GetAuditAsync(parked.ExecutionId, default);
        Assert.Equal(["execution_started", "cancel", "execution_ended"], audit.Select(entry => entry.Action).Where(action => action != "gate_opened"));
    }

    [Fact]
    public async Task OpenAsync_WaitInFlightWithACancelRecorded_IsNotRunAgainAndTheExecutionEndsCancelled()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var start = await TakeoverTests.StartWaitAsync(first, frozen);
        await first.History.WriteAsync(Cancel(start.ExecutionId));
        await directory.CloseAsync(first);
        var later = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20));
        var second = await directory.OpenAsync(later);
        var done = await Flow.SettleAsync(second, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Cancelled, done.Status);
        Assert.Equal(StepStatus.NotRun, done.Steps.Single(step => step.Id == "after").Status);
        Assert.NotEqual(StepStatus.Completed, done.Steps.Single(step => step.Id == "pause").Status);
    }

    [Fact]
    public async Task OpenAsync_WaitInFlightWithAPauseRecorded_ParksPausedAndGoesOnWhenResumed()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var start = await TakeoverTests.StartWaitAsync(first, frozen);
        await first.History.WriteAsync(Audit("pause", "execution", start.ExecutionId));
        await directory.CloseAsync(first);
        var later = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20));
        var second = await directory.OpenAsync(later);
        var paused = await Flow.SettleAsync(second, start.ExecutionId);

        Assert.Equal(ExecutionStatus.Paused, paused.Status);
        Assert.Equal(StepStatus.Pending, paused.Steps.Single(step => step.Id == "pause").Status);

        await second.ControlAsync(PauseAndCancelTests.Ask(start.ExecutionId, ControlAction.Resume), default);
        Assert.Equal(ExecutionStatus.Completed, (await TakeoverTests.CompleteWaitAsync(second, later, start.ExecutionId)).Status);
    }

    [Fact]
    public async Task OpenAsync_PauseFollowedByARetryStep_RunsOn()
    {
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var start = await TakeoverTests.StartWaitAsync(first, frozen);
        await first.History.WriteAsync(Audit("pause", "execution", start.ExecutionId));
        await first.History.WriteAsync(Audit("retry_step", "step", $"{start.ExecutionId}/pause"));
        await directory.CloseAsync(first);
        var later = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20));
        var second = await directory.OpenAsync(later);

        Assert.Equal(ExecutionStatus.Completed, (await TakeoverTests.CompleteWaitAsync(second, later, start.ExecutionId)).Status);
    }

    [Theory]
    [InlineData("cancel", ExecutionStatus.Cancelled)]
    [InlineData("pause", ExecutionStatus.Paused)]
    public async Task OpenAsync_ARequestQueuedForTheOwnerThatDied_IsCarriedOutBeforeAnyStepRunsAgain(string action, ExecutionStatus expected)
    {
        // Another process queued the request for the owner, which died before its next tick. The takeover drove the
        // execution first (its wait ran again, then 'after'), and applied the request only at a later tick, if ever.
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var start = await TakeoverTests.StartWaitAsync(first, frozen);
        await directory.CloseAsync(first);
        var queued = (await QueueAsync(directory, start.ExecutionId, (action, """{"comment":"stop it"}""")))[0];
        var later = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20));

        var second = await directory.OpenAsync(later);
        var done = await Flow.SettleAsync(second, start.ExecutionId);

        Assert.Equal(expected, done.Status);
        Assert.DoesNotContain(done.Steps, step => step.Status == StepStatus.Completed);
        var attempts = await second.History.GetAttemptsAsync(start.ExecutionId, default);
        Assert.Single(attempts, attempt => attempt.StepId == "pause");
        Assert.DoesNotContain(attempts, attempt => attempt.StepId == "after");
        var request = await second.History.GetControlRequestAsync(queued, default);
        Assert.Equal((true, null), (request!.HandledAt is not null, request.Error));
        var audit = await second.History.GetAuditAsync(start.ExecutionId, default);
        Assert.Contains(audit, entry => entry.Action == action && entry.Actor == "cli:ops");
    }

    [Theory]
    [InlineData(new[] { "retry_step", "cancel" }, ExecutionStatus.Cancelled)]
    [InlineData(new[] { "pause", "resume", "pause" }, ExecutionStatus.Paused)]
    public async Task OpenAsync_RequestsQueuedBeforeTheOneCarriedOut_DoNotUndoIt(string[] actions, ExecutionStatus expected)
    {
        // Left queued, they were applied at the next tick, after it: the retry_step reopened the cancelled execution, the
        // resume undid the person's last pause.
        await using var directory = new SharedDataDirectory();
        var frozen = new ManualTimeProvider();
        var first = await directory.OpenAsync(frozen);
        var start = await TakeoverTests.StartWaitAsync(first, frozen);
        await directory.CloseAsync(first);
        var ids = await QueueAsync(directory, start.ExecutionId, [.. actions.Select(action => (action, action == "retry_step" ? """{"step_id":"pause"}""" : "{}"))]);
        var later = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddSeconds(20));
        var second = await directory.OpenAsync(later);
        var done = await Flow.SettleAsync(second, start.ExecutionId);

        Assert.Equal(expected, done.Status);
        foreach (var id in ids[..^1])
        {
            // Handled at the takeover, refused: no tick applies it after the request carried out.
            Assert.Contains("superseded by the", (await second.History.GetControlRequestAsync(id, default))!.Error, StringComparison.Ordinal);
        }

        Assert.Null((await second.History.GetControlRequestAsync(ids[^1], default))!.Error);
    }

    /// <summary>
    /// Queues requests for the owner of <paramref name="executionId"/> as another process does, once that owner has stopped:
    /// queued while it ran, it applied them itself (at once on PostgreSQL, woken by NOTIFY).
    /// </summary>
    internal static async Task<List<long>> QueueAsync(SharedDataDirectory directory, string executionId, params (string Action, string Payload)[] requests)
    {
        await using var other = await McpPlaybooks.Engine.History.HistoryStore.OpenAsync(await directory.LocationAsync(), TimeProvider.System, null, killAfterCommits: null, checkBeside: false, default);
        var ids = new List<long>();
        foreach (var (action, payload) in requests)
        {
            ids.Add(await other.AppendControlRequestAsync(new ControlRequestRecord
            {
                ExecutionId = executionId,
                Action = action,
                PayloadJson = payload,
                RequestedBy = "cli:ops",
                RequestedAt = TimeProvider.System.GetUtcNow(),
            }, default));
        }

        return ids;
    }

    /// <summary>The audit entry of a cancel, as <c>control cancel</c> commits it before acting on it.</summary>
    private static HistoryWrite Cancel(string executionId) => Audit("cancel", "execution", executionId);

    /// <summary>An audit entry as a control request commits it before acting on it.</summary>
    internal static HistoryWrite Audit(string action, string subjectType, string subjectId) => new HistoryWrite.AppendAudit(new AuditRecord
    {
        At = TimeProvider.System.GetUtcNow(),
        Actor = "test:ops",
        Action = action,
        SubjectType = subjectType,
        SubjectId = subjectId,
    });
}
