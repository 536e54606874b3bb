using System.Collections.Concurrent;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Taking executions over: every unfinished one with no live owner when the process starts (or when an
/// owner's lease expires), and an ended one a caller reopens (retry_step, skip_step, rollback).
/// </summary>
internal sealed partial class ExecutionHost
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _takeovers = new(StringComparer.Ordinal);

    /// <summary>An execution that cannot be rebuilt (its pinned playbook no longer loads) ends failed, saying why, so no process tries again.</summary>
    private async Task GiveUpAsync(ExecutionRecord record, Exception error)
    {
        _runs.Drop(record.Id);
        var now = Now;
        try
        {
            await History.WriteAsync([new HistoryWrite.SaveExecution(record with
            {
                Status = ExecutionStatus.Failed,
                EndedAt = now,
                UpdatedAt = now,
                RunningSince = null,
                ErrorCategory = ErrorCategory.Configuration,
                ErrorMessage = $"its process died and it could not be resumed: {error.Message}",
            })]).ConfigureAwait(false);
        }
        catch (Engine.History.HistoryWriteException e)
        {
            HostLog.LeaseError(_logger, e);
        }
    }

    /// <summary>
    /// The run of an execution this process may act on: its own, or one it claims now (unfinished with no
    /// live owner, or ended). Null when another live process owns it.
    /// </summary>
    public async Task<ExecutionRun?> AcquireAsync(string executionId, CancellationToken cancellationToken)
    {
        if (_runs.TryGet(executionId, out var run))
        {
            return run;
        }

        var record = await History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw Unknown(executionId);
        if (record.DryRun)
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidTransition, $"execution {executionId} is a dry run: it ran nothing, so there is nothing to control. Start a real run with execute_playbook and dry_run: false.");
        }

        var owner = await History.GetOwnerAsync(executionId, Now, cancellationToken).ConfigureAwait(false);
        if (owner is not null && owner != Services.OwnerId)
        {
            return null;
        }

        await TakeOverAsync(executionId, reopen: record.Status.IsFinal(), claimed: false, requestRecorded: null, cancellationToken).ConfigureAwait(false);
        return _runs.TryGet(executionId, out run) ? run : null;
    }

    /// <summary>
    /// Claims one execution (an ended one only to <paramref name="reopen"/> it; not again when a batch <paramref name="claimed"/> it)
    /// and rebuilds its run here from what history holds once the claim is won; null when another process claimed it first.
    /// <paramref name="requestRecorded"/>, when a batch read it, holds the executions of the batch with a cancel or a pause in their audit.
    /// </summary>
    private async Task<(List<string> Rerun, List<string> Interrupted)?> TakeOverAsync(string executionId, bool reopen, bool claimed, IReadOnlySet<string>? requestRecorded, CancellationToken cancellationToken)
    {
        var gate = _takeovers.GetOrAdd(executionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_runs.TryGet(executionId, out var kept) && !claimed)
            {
                return null;
            }

            var leaseUntil = Now + Services.Options.LeaseDuration;
            if (!claimed && !await (reopen
                ? History.TryReopenAsync(executionId, Services.OwnerId, leaseUntil, Now, cancellationToken)
                : History.TryClaimAsync(executionId, Services.OwnerId, leaseUntil, Now, cancellationToken)).ConfigureAwait(false))
            {
                return null;
            }

            var record = await History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw Unknown(executionId);
            if (kept is not null)
            {
                // Claimed by a scan while a run of this process is still here: its own lease, expired and claimed back at the
                // same epoch (the run goes on), or one another process held meanwhile (the run is stale and replaced).
                if (kept.Fence.Epoch is not { } keptEpoch || keptEpoch == record.LeaseEpoch || record.OwnerId != Services.OwnerId)
                {
                    return null;
                }

                _leases.ReplaceStale(kept, record.LeaseEpoch);
            }

            var finished = record.Status.IsFinal();

            var stored = new RestoredExecution(
                record,
                await History.GetStepStatesAsync(executionId, cancellationToken).ConfigureAwait(false),
                await History.GetAttemptsAsync(executionId, cancellationToken).ConfigureAwait(false),
                await History.GetApprovalsAsync(executionId, cancellationToken).ConfigureAwait(false),
                await History.GetDecisionsAsync(executionId, cancellationToken).ConfigureAwait(false));
            var playbook = await Pinned.GetAsync(record, cancellationToken).ConfigureAwait(false);
            var storedInputs = ParseObject(record.InputsJson);
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
            var run = CreateRun(request, record.Id);
            if (record.OwnerId == Services.OwnerId)
            {
                run.Fence.Hold(record.LeaseEpoch);
            }

            run.Restore(stored);
            _runs.Hold(run);
            if (finished)
            {
                return ([], []);
            }

            run.SkipCompleted(await CompletedCalls.ReadAsync(History, stored, cancellationToken).ConfigureAwait(false));

            // Only a secret given explicitly is lost: one at its default was put back from the playbook.
            var lost = GivenSecrets(request.Playbook, storedInputs).Select(i => i.Name).ToList();
            if (lost.Count > 0)
            {
                await run.FailAtTakeoverAsync(new StepError(ErrorCategory.Configuration,
                    $"its process died, and its secret inputs ({string.Join(", ", lost)}) are never stored, so no other process can go on with it; start a new execution")).ConfigureAwait(false);
                return ([], []);
            }

            var pending = requestRecorded?.Contains(executionId) == false
                ? null
                : await PendingRequest.ReadAsync(History, executionId, record.Status, request.Playbook.Steps.Select(step => step.Id), cancellationToken).ConfigureAwait(false);
            if (await _inbox.TakeQueuedAsync(run, record.Status, cancellationToken).ConfigureAwait(false) is { } queued && pending != ControlAction.Cancel)
            {
                pending = queued;
            }

            var runs = await RunsInFlight.ReadAsync(History, stored, request.Playbook, Now, cancellationToken).ConfigureAwait(false);
            var (rerun, interrupted) = await run.RecoverInFlightAsync(stored, runs).ConfigureAwait(false);
            if (await FailureStop.InForceAsync(History, stored, request.Playbook, cancellationToken).ConfigureAwait(false))
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
                ((IRunHost)this).GateOpened(run, open);
            }

            HostLog.TookOver(_logger, run.Id, record.Status, rerun.Count, interrupted.Count);
            if (record.Status == ExecutionStatus.RollingBack && pending != ControlAction.Cancel)
            {
                _ = run.ResumeRollback();
            }
            else if (pending == ControlAction.Cancel)
            {
                // Cancelled before its process died: the cancel is carried out now, whether the execution was running, parked
                // or rolling back (the rollback stops where it stood).
                HostLog.CancelAtTakeover(_logger, run.Id);
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
                    HostLog.PauseAtTakeover(_logger, run.Id);
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
            await CascadeAsync(new ControlRequest
            {
                ExecutionId = executionId,
                Action = ControlAction.Cancel,
                RequestedBy = $"execution:{executionId}",
                Comment = "its parent was cancelled",
            }, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HostLog.ChildrenCancelFailed(_logger, executionId, e);
        }
    }

    private static Dictionary<string, Value> ParseObject(string json)
    {
        var value = Value.FromJsonText(json);
        return value.Kind == ValueKind.Object ? value.AsObject().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) : [];
    }
}
