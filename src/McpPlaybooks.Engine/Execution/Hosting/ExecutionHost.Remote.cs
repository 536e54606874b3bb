using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Requests for executions another live process owns: queued in history for the owner, which applies them
/// at its next tick and records the outcome; the asking side waits for that outcome, a few seconds at most.
/// </summary>
internal sealed partial class ExecutionHost
{
    /// <summary>How long a caller waits for the owning process to apply a forwarded request.</summary>
    private TimeSpan ForwardWait => Services.Options.ForwardWait;

    /// <summary>Requests taken up by this process (kept: a read that began before one was marked handled may still list it).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _applying = new();

    /// <summary>Where the requests taken up are applied: in order per execution.</summary>
    private readonly RequestLanes _lanes = new();

    /// <param name="untilEnded">
    /// A cancel whose caller waits for the end (control_execution): the owner handles it once recorded, its finally steps
    /// may still run; the state returned is the ended one if it ends within the forwarding wait, else as it stands.
    /// </param>
    private async Task<ExecutionState> ForwardAsync(string executionId, string action, Value payload, string requestedBy, bool untilEnded, CancellationToken cancellationToken)
    {
        var id = await History.AppendControlRequestAsync(new ControlRequestRecord
        {
            ExecutionId = executionId,
            Action = action,
            PayloadJson = Services.Secrets.Masker.Apply(payload).ToJson(),
            RequestedBy = requestedBy,
            RequestedAt = Now,
        }, cancellationToken).ConfigureAwait(false);
        var handled = new WakeSignal();
        using var wakeWhenHandled = History.WakeWhenHandled(id, handled.Wake);
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(50);
        while (waited < ForwardWait)
        {
            await handled.WaitAsync(step, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            waited += step;
            var request = await History.GetControlRequestAsync(id, cancellationToken).ConfigureAwait(false);
            if (request?.HandledAt is not null)
            {
                if (request.Error is { } error)
                {
                    throw RemoteRequests.Refusal(error);
                }

                return await EndedOrAsItStandsAsync(executionId, untilEnded ? ForwardWait - waited : TimeSpan.Zero, step, cancellationToken).ConfigureAwait(false);
            }

            if (await History.GetOwnerAsync(executionId, Now, cancellationToken).ConfigureAwait(false) is null)
            {
                // Its owner died meanwhile: take it; the queued request is applied here at the next tick. Taken up ended (its
                // owner applied the request and let it go), it goes back to history unless the request reopens it.
                var taken = await AcquireAsync(executionId, cancellationToken).ConfigureAwait(false);
                await ProcessRemoteRequestsAsync(cancellationToken).ConfigureAwait(false);
                if (taken is not null)
                {
                    _ = _leases.RetireAsync(taken);
                }
            }
        }

        var owner = await History.GetOwnerAsync(executionId, Now, cancellationToken).ConfigureAwait(false) ?? "a process that just stopped";
        throw new ExecutionRefusedException(RefusalKind.OwnerDidNotAnswer,
            $"execution {executionId} is run by another process ({owner}), which did not apply the request within {ForwardWait.TotalSeconds:0.#} s. The request stays queued and is applied as soon as that process (or whoever takes the execution over) gets to it; check with get_execution.");
    }

    /// <summary>The execution from history once it has ended, or as it stands when <paramref name="left"/> has run out.</summary>
    private async Task<ExecutionState> EndedOrAsItStandsAsync(string executionId, TimeSpan left, TimeSpan step, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await StoredStateAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw Unknown(executionId);
            if (state.Status.IsFinal() || left <= TimeSpan.Zero)
            {
                return state;
            }

            await Task.Delay(step, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            left -= step;
        }
    }

    /// <summary>Applies the requests other processes queued for the executions this process owns.</summary>
    private async Task ProcessRemoteRequestsAsync(CancellationToken cancellationToken)
    {
        var pending = await History.GetPendingControlRequestsAsync(Services.OwnerId, cancellationToken).ConfigureAwait(false);

        // In the order they were queued, one after another per execution; executions apart, and the tick waits for none.
        _lanes.Hand(pending, r => _applying.TryAdd(r.Id, 0), record => ApplyRemoteAsync(record, cancellationToken));
    }

    private async Task ApplyRemoteAsync(ControlRequestRecord record, CancellationToken cancellationToken)
    {
        try
        {
            string? error = null;
            try
            {
                _ = RemoteRequests.Parse(record) switch
                {
                    ApprovalRequest decision => await DecideAsync(decision, cancellationToken).ConfigureAwait(false),
                    // A cancel is handled once recorded: its finally steps may outlast the asking side's wait.
                    ControlRequest control => await ControlAsync(control with { AnswerWhenRecorded = control.Action == ControlAction.Cancel }, cancellationToken).ConfigureAwait(false),
                    _ => null,
                };
            }
            catch (ExecutionRefusedException refusal)
            {
                error = RemoteRequests.Store(refusal);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HostLog.RemoteRequestFailed(_logger, record.Id, record.ExecutionId, e);
                error = $"{RefusalKind.InvalidRequest}|the owning process could not apply it: {e.Message}";
            }

            await History.WriteAsync([new HistoryWrite.CompleteControlRequest(record.Id, Now, error)]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Engine.History.HistoryWriteException or ObjectDisposedException or OperationCanceledException)
        {
            HostLog.RemoteRequestFailed(_logger, record.Id, record.ExecutionId, e);
        }
    }
}
