using System.Collections.Concurrent;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>
/// One circuit breaker per target (an HTTP origin, a command's shape, or the key a step names), shared by every
/// execution in the process and created on first use. Only failures that say the target is unhealthy count (network,
/// timeout, temporary, dependency, HTTP 5xx); a success forgives the failures of the same attempts before it (a retry
/// that worked); a cancelled call is not counted at all. A call that may wait (a step with retries) meets an open
/// breaker by waiting for its half-open moment when that falls within its deadline, instead of failing.
/// </summary>
public sealed class CircuitBreakerRegistry(CircuitBreakerSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TargetBreaker> _breakers = new(StringComparer.Ordinal);

    public CircuitBreakerSettings Settings { get; } = settings;

    public TimeProvider Time { get; } = time;

    /// <summary>
    /// Runs <paramref name="action"/> through the target's breaker. A refused call throws an ActionFailedException of
    /// category dependency (with a BrokenCircuitException inside) without running the action.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(BreakerCall call, Func<CancellationToken, Task<T>> action, Func<Exception, ErrorCategory> categorize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(categorize);
        if (!Settings.Enabled)
        {
            return await action(cancellationToken).ConfigureAwait(false);
        }

        var breaker = _breakers.GetOrAdd(call.Target, static (key, self) => new TargetBreaker(key, self.Settings, self.Time), this);
        var admission = await AdmitAsync(breaker, call, cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            result = await action(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            breaker.Complete(BreakerHealth.Of(error, categorize, cancellationToken), call.Sequence, admission.Trial);
            throw;
        }

        breaker.Complete(BreakerOutcome.Success, call.Sequence, admission.Trial);
        return result;
    }

    /// <summary>Every target seen so far, by name, with its state (<c>closed</c>, <c>open</c>, <c>half_open</c>) and its calls in the window.</summary>
    public IReadOnlyList<BreakerSnapshot> Snapshot() =>
        [.. _breakers.Values.OrderBy(b => b.Target, StringComparer.Ordinal).Select(b => b.Snapshot())];

    /// <summary>Waits until the breaker admits the call, or throws its refusal when the call may not wait or its deadline comes first.</summary>
    private async Task<BreakerAdmission> AdmitAsync(TargetBreaker breaker, BreakerCall call, CancellationToken cancellationToken)
    {
        while (true)
        {
            var admission = breaker.Enter();
            if (admission.Admitted)
            {
                return admission;
            }

            if (!call.MayWait)
            {
                throw breaker.Refusal(admission, "; the step has no retries to wait with (retry.max_attempts is 1)");
            }

            if (admission.OpenUntil is { } until && call.Deadline is { } deadline && until > deadline)
            {
                throw breaker.Refusal(admission, ", after this attempt's timeout: not waiting for it");
            }

            if (call.OnWait is { } onWait)
            {
                await onWait(breaker.WaitNotice(admission)).ConfigureAwait(false);
            }

            if (admission.OpenUntil is { } openUntil)
            {
                var left = openUntil - Time.GetUtcNow();
                if (left > TimeSpan.Zero)
                {
                    await Task.Delay(left, Time, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await admission.TrialDone!.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
