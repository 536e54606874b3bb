using System.Collections.Concurrent;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Taking one execution over: an unfinished one with no live owner (at start-up, or when its owner's lease expired:
/// <see cref="TakeoverScan"/>), and an ended one a caller reopens (retry_step, skip_step, rollback). Its run is rebuilt
/// here from what history holds (<paramref name="createRun"/> makes it) and held in <paramref name="runs"/>; the children
/// of one cancelled before its process died are cancelled through <paramref name="cascade"/>.
/// </summary>
internal sealed class Takeover(
    HistoryStore history,
    EngineServices services,
    HeldRuns runs,
    PinnedPlaybooks pinned,
    RunLeases leases,
    RequestInbox inbox,
    Func<ExecutionRequest, string?, ExecutionRun> createRun,
    Func<ControlRequest, Task> cascade,
    ILogger logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _takeovers = new(StringComparer.Ordinal);

    private DateTimeOffset Now => services.Time.GetUtcNow();

    /// <summary>
    /// The run of an execution this process may act on: its own, or one it claims now (unfinished with no
    /// live owner, or ended). Null when another live process owns it.
    /// </summary>
    public async Task<ExecutionRun?> AcquireAsync(string executionId, CancellationToken cancellationToken)
    {
        if (runs.TryGet(executionId, out var run))
        {
            return run;
        }

        var record = await history.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw ExecutionHost.Unknown(executionId);
        if (record.DryRun)
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidTransition, $"execution {executionId} is a dry run: it ran nothing, so there is nothing to control. Start a real run with execute_playbook and dry_run: false.");
        }

        var owner = await history.GetOwnerAsync(executionId, Now, cancellationToken).ConfigureAwait(false);
        if (owner is not null && owner != services.OwnerId)
        {
            return null;
        }

        await TakeOverAsync(executionId, reopen: record.Status.IsFinal(), claimed: false, requestRecorded: null, cancellationToken).ConfigureAwait(false);
        return runs.TryGet(executionId, out run) ? run : null;
    }

    /// <summary>
    /// Claims one execution (an ended one only to <paramref name="reopen"/> it; not again when a batch <paramref name="claimed"/> it)
    /// and rebuilds its run here from what history holds once the claim is won; null when another process claimed it first.
    /// <paramref name="requestRecorded"/>, when a batch read it, holds the executions of the batch with a cancel or a pause in their audit.
    /// </summary>
    public async Task<(List<string> Rerun, List<string> Interrupted)?> TakeOverAsync(string executionId, bool reopen, bool claimed, IReadOnlySet<string>? requestRecorded, CancellationToken cancellationToken)
    {
        var gate = _takeovers.GetOrAdd(executionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (runs.TryGet(executionId, out var kept) && !claimed)
            {
                return null;
            }

            var leaseUntil = Now + services.Options.LeaseDuration;
            if (!claimed && !await (reopen
                ? history.TryReopenAsync(executionId, services.OwnerId, leaseUntil, Now, cancellationToken)
                : history.TryClaimAsync(executionId, services.OwnerId, leaseUntil, Now, cancellationToken)).ConfigureAwait(false))
            {
                return null;
            }

            var record = await history.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw ExecutionHost.Unknown(executionId);
            if (kept is not null)
            {
                // Claimed by a scan while a run of this process is still here: its own lease, expired and claimed back at the
                // same epoch (the run goes on), or one another process held meanwhile (the run is stale and replaced).
                if (kept.Fence.Epoch is not { } keptEpoch || keptEpoch == record.LeaseEpoch || record.OwnerId != services.OwnerId)
                {
                    return null;
                }

                leases.ReplaceStale(kept, record.LeaseEpoch);
            }

            var finished = record.Status.IsFinal();

            var stored = new RestoredExecution(
                record,
                await history.GetStepStatesAsync(executionId, cancellationToken).ConfigureAwait(false),
                await history.GetAttemptsAsync(executionId, cancellationToken).ConfigureAwait(false),
                await history.GetApprovalsAsync(executionId, cancellationToken).ConfigureAwait(false),
                await history.GetDecisionsAsync(executionId, cancellationToken).ConfigureAwait(false));
            var playbook = await pinned.GetAsync(record, cancellationToken).ConfigureAwait(false);
            var storedInputs = StoredInputs.Read(record);
            var request = new ExecutionRequest
            {
                Playbook = playbook.Definition,
                Content = playbook.Content,
                Inputs = SecretDefaults.Restore(playbook.Definition, new Dictionary<string, Value>(storedInputs, StringComparer.Ordinal)),
                Incident = Value.FromJsonText(record.IncidentJson),
                StartedBy = record.StartedBy,
                IdempotencyKey = record.IdempotencyKey,
                ParentExecutionId = record.ParentExecutionId,
                Depth = record.Depth,
                ReplayOf = record.ReplayOf,
            };
            var run = createRun(request, record.Id);
            if (record.OwnerId == services.OwnerId)
            {
                run.Fence.Hold(record.LeaseEpoch);
            }

            run.Restore(stored);
            runs.Hold(run);
            if (finished)
            {
                return ([], []);
            }

            run.SkipCompleted(await CompletedCalls.ReadAsync(history, stored, cancellationToken).ConfigureAwait(false));

            // Only a secret given explicitly is lost: one at its default was put back from the playbook.
            var lost = SecretDefaults.Given(request.Playbook, storedInputs).Select(i => i.Name).ToList();
            if (lost.Count > 0)
            {
                await run.FailAtTakeoverAsync(new StepError(ErrorCategory.Configuration,
                    $"its process died, and its secret inputs ({string.Join(", ", lost)}) are never stored, so no other process can go on with it; start a new execution")).ConfigureAwait(false);
                return ([], []);
            }

            var pending = requestRecorded?.Contains(executionId) == false
                ? null
                : await PendingRequest.ReadAsync(history, executionId, record.Status, request.Playbook.Steps.Select(step => step.Id), cancellationToken).ConfigureAwait(false);
            if (await inbox.TakeQueuedAsync(run, record.Status, cancellationToken).ConfigureAwait(false) is { } queued && pending != ControlAction.Cancel)
            {
                pending = queued;
            }

            var inFlight = await RunsInFlight.ReadAsync(history, stored, request.Playbook, Now, cancellationToken).ConfigureAwait(false);
            var (rerun, interrupted) = await run.RecoverInFlightAsync(stored, inFlight).ConfigureAwait(false);
            if (await FailureStop.InForceAsync(history, stored, request.Playbook, cancellationToken).ConfigureAwait(false))
            {
                run.StartOnlyAtTakeover(rerun, $"a step had failed before its process died (on_failure: {EnumNames.ToName(request.Playbook.OnFailure)})");
            }
            else if (interrupted.Count > 0)
            {
                // The execution waits, paused, for a person to say what the interrupted step did: steps that would start
                // beside it now (independent of it) wait too. Before, they started first, and only then did it park.
                run.StartOnlyAtTakeover(rerun, $"{string.Join(", ", interrupted.Select(id => $"'{id}'"))} {(interrupted.Count == 1 ? "was" : "were")} interrupted (not idempotent: what it did is unknown)");
            }

            foreach (var open in run.OpenGates)
            {
                runs.GateOpened(run, open);
            }

            HostLog.TookOver(logger, run.Id, record.Status, rerun.Count, interrupted.Count);
            if (record.Status == ExecutionStatus.RollingBack && pending != ControlAction.Cancel)
            {
                _ = run.ResumeRollback();
            }
            else if (pending == ControlAction.Cancel)
            {
                // Cancelled before its process died: the cancel is carried out now, whether the execution was running, parked
                // or rolling back (the rollback stops where it stood).
                HostLog.CancelAtTakeover(logger, run.Id);
                _ = run.CancelAtTakeoverAsync();
                if (run.RunsChildren)
                {
                    _ = CancelChildrenAtTakeoverAsync(run.Id);
                }
            }
            else if (record.Status is ExecutionStatus.Running or ExecutionStatus.Pending || run.HasDecidedGate)
            {
                // Also a gate decided just before its process died: the decision is acted on now. A pause asked of the
                // running execution before its process died is asked again: no step starts, and it parks paused.
                if (pending == ControlAction.Pause)
                {
                    HostLog.PauseAtTakeover(logger, run.Id);
                    run.PauseAtTakeover();
                }

                _ = run.Drive();
            }

            return (rerun, interrupted);
        }
        finally
        {
            gate.Release();
            _takeovers.TryRemove(KeyValuePair.Create(executionId, gate));
        }
    }

    /// <summary>
    /// The children of an execution cancelled at its takeover, cancelled too: in its own process the cancel reached them
    /// through the parent step's wait (or the cascade of a cancel asked of it), and at a takeover nothing waits for them yet,
    /// so they ran on, starting steps after their parent was cancelled.
    /// </summary>
    private async Task CancelChildrenAtTakeoverAsync(string executionId)
    {
        try
        {
            await cascade(new ControlRequest
            {
                ExecutionId = executionId,
                Action = ControlAction.Cancel,
                RequestedBy = $"execution:{executionId}",
                Comment = "its parent was cancelled",
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HostLog.ChildrenCancelFailed(logger, executionId, e);
        }
    }
}
