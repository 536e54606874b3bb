using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>Control actions and decisions: applied here when this process owns the execution (or takes it), else forwarded to its owner.</summary>
internal sealed partial class ExecutionHost
{
    public async Task<ExecutionState> ControlAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        if (request.Action == ControlAction.Signal && string.IsNullOrWhiteSpace(request.SignalType))
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidRequest, "signal needs a type: the event type an event step waits for (its with.type), and a correlation when the step names one.");
        }

        ExecutionRun? run;
        ExecutionState state;
        while (true)
        {
            run = await _takeover.AcquireAsync(request.ExecutionId, cancellationToken).ConfigureAwait(false);
            if (run is null)
            {
                return await _forwarder.ForwardAsync(request.ExecutionId, EnumNames.ToName(request.Action), RemoteRequests.Payload(request), request.RequestedBy,
                    untilEnded: request.Action == ControlAction.Cancel && !request.AnswerWhenRecorded, cancellationToken).ConfigureAwait(false);
            }

            // An ended run leaving the process is not reopened in place: once it has gone, the execution comes from history.
            var entry = run.Retirement.Enter();
            if (entry is null)
            {
                await run.Retirement.Gone.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                state = await run.ControlAsync(request).ConfigureAwait(false);
                break;
            }
            catch (History.LeaseLostException lost)
            {
                // A run kept from before a pause past its lease: it leaves, and the request goes where the execution is now.
                _leases.Lose(run, lost);
            }
            finally
            {
                // A run the action ended (a cancel), or left ended (a refusal), leaves now: while the entry was held, it could not.
                entry.Dispose();
                _ = _leases.RetireAsync(run);
            }
        }

        if (request.Action == ControlAction.Signal)
        {
            // The execution's own masker when it runs here: it knows its secret inputs, which the engine's does not.
            var masker = _runs.TryGet(request.ExecutionId, out var held) ? held.Masker : Services.Secrets.Masker;
            await Signals.DeliverAsync(request, masker, cancellationToken).ConfigureAwait(false);
            state = run.CurrentState;
        }

        if (request.Action is ControlAction.Pause or ControlAction.Resume or ControlAction.Cancel)
        {
            await CascadeAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }

    public async Task<ExecutionState> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await _takeover.AcquireAsync(request.ExecutionId, cancellationToken).ConfigureAwait(false);
            if (run is null)
            {
                return await _forwarder.ForwardAsync(request.ExecutionId, request.Approve ? "approve" : "reject", RemoteRequests.Payload(request), request.Approver, untilEnded: false, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return await run.DecideAsync(request).ConfigureAwait(false);
            }
            catch (ExecutionRefusedException)
            {
                // An ended execution taken up for a decision that was refused goes back to history.
                _ = _leases.RetireAsync(run);
                throw;
            }
            catch (History.LeaseLostException lost)
            {
                // As for a control request: the stale run leaves, and the decision goes where the execution is now.
                _leases.Lose(run, lost);
            }
        }
    }

    /// <summary>
    /// An execution whose owner died while a request forwarded to it waited: taken here, and the request applied here now. Taken
    /// up ended (its owner applied the request and let it go), it goes back to history unless the request reopens it.
    /// </summary>
    private async Task TakeOverFromGoneOwnerAsync(string executionId, CancellationToken cancellationToken)
    {
        var taken = await _takeover.AcquireAsync(executionId, cancellationToken).ConfigureAwait(false);
        await _inbox.ApplyPendingAsync(cancellationToken).ConfigureAwait(false);
        if (taken is not null)
        {
            _ = _leases.RetireAsync(taken);
        }
    }

    /// <summary>Pause, resume and cancel go down to the active children of the execution.</summary>
    private async Task CascadeAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        foreach (var child in await History.ListChildrenAsync(request.ExecutionId, cancellationToken).ConfigureAwait(false))
        {
            if (child.Status.IsFinal())
            {
                continue;
            }

            try
            {
                await ControlAsync(request with { ExecutionId = child.Id, Comment = $"cascaded from parent {request.ExecutionId}" }, cancellationToken).ConfigureAwait(false);
            }
            catch (ExecutionRefusedException)
            {
                // the child is already where the parent asks (paused, or ended)
            }
        }
    }
}
