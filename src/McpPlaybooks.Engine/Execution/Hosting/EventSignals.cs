using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The signals <c>event</c> steps wait for: recorded in history when sent, consumed there by the attempt that takes one, and
/// the waiting steps of this process woken when one arrives for their execution.
/// </summary>
internal sealed class EventSignals(HistoryStore history, TimeProvider time) : IDisposable
{
    private readonly SignalWaiters _signals = new();
    private readonly SemaphoreSlim _signalLock = new(1, 1);

    /// <summary>Records the signal a control request sends, its payload masked by <paramref name="masker"/>, and wakes the steps waiting here.</summary>
    public async Task DeliverAsync(ControlRequest request, SecretMasker masker, CancellationToken cancellationToken)
    {
        await history.AppendSignalAsync(new SignalRecord
        {
            ExecutionId = request.ExecutionId,
            Type = request.SignalType!,
            Correlation = request.Correlation,
            PayloadJson = request.Payload.Kind == ValueKind.Null ? null : masker.Apply(request.Payload).ToJson(),
            SentBy = request.RequestedBy,
            At = time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        _signals.Notify(request.ExecutionId);
    }

    /// <summary>
    /// Waits for a signal an <c>event</c> step asked for, consuming it; recorded signals that arrived earlier count, and one
    /// that an earlier attempt of the step consumed and never ended with (its process died before the step's end was
    /// committed) is given again.
    /// </summary>
    public async Task<SignalRecord> WaitAsync(string executionId, StepAttempt consumer, string type, string? correlation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var arrived = _signals.Waiter(executionId);
            await _signalLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var signals = (await history.GetSignalsAsync(executionId, unconsumedOnly: false, cancellationToken).ConfigureAwait(false))
                    .Where(s => s.Type == type && (correlation is null || s.Correlation == correlation))
                    .ToList();
                if (await TakenByAnUnendedAttemptAsync(executionId, consumer, signals, cancellationToken).ConfigureAwait(false) is { } again)
                {
                    // Now this attempt's: if it ends (fails, say) a later attempt waits for a new one.
                    await history.WriteAsync([new HistoryWrite.ConsumeSignal(again.Id, consumer.Key, time.GetUtcNow(), TakenFrom: again.ConsumedBy)]).ConfigureAwait(false);
                    return again;
                }

                var match = signals.FirstOrDefault(s => s.ConsumedBy is null);
                if (match is not null)
                {
                    await history.WriteAsync([new HistoryWrite.ConsumeSignal(match.Id, consumer.Key, time.GetUtcNow())]).ConfigureAwait(false);
                    return match;
                }
            }
            finally
            {
                _signalLock.Release();
            }

            await arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _signalLock.Dispose();

    /// <summary>Of <paramref name="signals"/>, the one an earlier attempt of <paramref name="consumer"/>'s step consumed and did not end with.</summary>
    private async Task<SignalRecord?> TakenByAnUnendedAttemptAsync(string executionId, StepAttempt consumer, IReadOnlyList<SignalRecord> signals, CancellationToken cancellationToken)
    {
        var taken = signals.Select(s => (Signal: s, Attempt: consumer.AttemptIn(s.ConsumedBy)))
            .Where(t => t.Attempt is { } attempt && attempt != consumer.Attempt)
            .ToList();
        if (taken.Count == 0)
        {
            return null;
        }

        var attempts = await history.GetAttemptsAsync(executionId, cancellationToken).ConfigureAwait(false);
        return taken.FirstOrDefault(t => !consumer.EndedSince(attempts, t.Attempt!.Value)).Signal;
    }
}
