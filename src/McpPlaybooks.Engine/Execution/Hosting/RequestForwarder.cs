using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Requests for executions another live process owns: queued in history for the owner, which applies them
/// at its next tick and records the outcome (<see cref="RequestInbox"/>); the asking side waits here for that outcome,
/// a few seconds at most. <paramref name="storedState"/> reads an execution from history;
/// <paramref name="takeOverFromGoneOwner"/> takes over one whose owner died during the wait, applying its queued request.
/// </summary>
internal sealed class RequestForwarder(
    HistoryStore history,
    EngineServices services,
    Func<string, CancellationToken, Task<ExecutionState?>> storedState,
    Func<string, CancellationToken, Task> takeOverFromGoneOwner)
{
    /// <summary>How long a caller waits for the owning process to apply a forwarded request.</summary>
    private TimeSpan ForwardWait => services.Options.ForwardWait;

    private DateTimeOffset Now => services.Time.GetUtcNow();

    /// <param name="untilEnded">
    /// A cancel whose caller waits for the end (control_execution): the owner handles it once recorded, its finally steps
    /// may still run; the state returned is the ended one if it ends within the forwarding wait, else as it stands.
    /// </param>
    public async Task<ExecutionState> ForwardAsync(string executionId, string action, Value payload, string requestedBy, bool untilEnded, CancellationToken cancellationToken)
    {
        var id = await history.AppendControlRequestAsync(new ControlRequestRecord
        {
            ExecutionId = executionId,
            Action = action,
            PayloadJson = services.Secrets.Masker.Apply(payload).ToJson(),
            RequestedBy = requestedBy,
            RequestedAt = Now,
        }, cancellationToken).ConfigureAwait(false);
        var handled = new WakeSignal();
        using var wakeWhenHandled = history.WakeWhenHandled(id, handled.Wake);
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(50);
        while (waited < ForwardWait)
        {
            await handled.WaitAsync(step, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            waited += step;
            var request = await history.GetControlRequestAsync(id, cancellationToken).ConfigureAwait(false);
            if (request?.HandledAt is not null)
            {
                if (request.Error is { } error)
                {
                    throw RemoteRequests.Refusal(error);
                }

                return await EndedOrAsItStandsAsync(executionId, untilEnded ? ForwardWait - waited : TimeSpan.Zero, step, cancellationToken).ConfigureAwait(false);
            }

            if (await history.GetOwnerAsync(executionId, Now, cancellationToken).ConfigureAwait(false) is null)
            {
                // Its owner died meanwhile: take it; the queued request is applied here at the next tick. Taken up ended (its
                // owner applied the request and let it go), it goes back to history unless the request reopens it.
                await takeOverFromGoneOwner(executionId, cancellationToken).ConfigureAwait(false);
            }
        }

        var owner = await history.GetOwnerAsync(executionId, Now, cancellationToken).ConfigureAwait(false) ?? "a process that just stopped";
        throw new ExecutionRefusedException(RefusalKind.OwnerDidNotAnswer,
            $"execution {executionId} is run by another process ({owner}), which did not apply the request within {ForwardWait.TotalSeconds:0.#} s. The request stays queued and is applied as soon as that process (or whoever takes the execution over) gets to it; check with get_execution.");
    }

    /// <summary>The execution from history once it has ended, or as it stands when <paramref name="left"/> has run out.</summary>
    private async Task<ExecutionState> EndedOrAsItStandsAsync(string executionId, TimeSpan left, TimeSpan step, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await storedState(executionId, cancellationToken).ConfigureAwait(false) ?? throw ExecutionHost.Unknown(executionId);
            if (state.Status.IsFinal() || left <= TimeSpan.Zero)
            {
                return state;
            }

            await Task.Delay(step, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            left -= step;
        }
    }
}
