using System.Globalization;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using Polly.CircuitBreaker;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>
/// The circuit breaker of one target. Closed, it lets every call through and counts them in its window; it opens when
/// the window holds at least the minimum of calls and enough of them were unhealthy failures. Open, it refuses calls
/// until its break is over; then (half open) one trial call goes through: a success or a failure that says nothing
/// against the target closes it (and empties its window), an unhealthy failure opens it again. Thread-safe.
/// </summary>
internal sealed class TargetBreaker(string target, CircuitBreakerSettings settings, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly BreakerWindow _window = new(settings.Window);
    private DateTimeOffset? _openUntil;
    private TaskCompletionSource? _trial;
    private int _failuresWhenOpened;

    public string Target { get; } = target;

    /// <summary>Whether a call starting now may go through.</summary>
    public BreakerAdmission Enter()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_openUntil is not { } until)
            {
                return BreakerAdmission.Call;
            }

            if (now < until)
            {
                return new BreakerAdmission(false, false, until, null);
            }

            if (_trial is { } trial)
            {
                return new BreakerAdmission(false, false, null, trial.Task);
            }

            _trial = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return BreakerAdmission.TrialCall;
        }
    }

    /// <summary>Records how an admitted call ended, and opens or closes the breaker accordingly.</summary>
    public void Complete(BreakerOutcome outcome, string? sequence, bool trial)
    {
        var now = time.GetUtcNow();
        TaskCompletionSource? ended = null;
        lock (_lock)
        {
            if (trial && outcome is BreakerOutcome.Success or BreakerOutcome.Neutral)
            {
                _openUntil = null;
                _window.Clear();
            }

            switch (outcome)
            {
                case BreakerOutcome.Success:
                    _window.Forgive(sequence);
                    _window.Record(now, failed: false, sequence);
                    break;
                case BreakerOutcome.Neutral:
                    _window.Record(now, failed: false, sequence);
                    break;
                case BreakerOutcome.Unhealthy:
                    _window.Record(now, failed: true, sequence);
                    var (failures, calls) = _window.Counts(now);
                    if (trial || (_openUntil is null && calls >= settings.MinimumCalls && failures >= settings.FailureRatio * calls))
                    {
                        _openUntil = now + settings.OpenDuration;
                        _failuresWhenOpened = failures;
                    }

                    break;
            }

            if (trial)
            {
                (ended, _trial) = (_trial, null);
            }
        }

        ended?.TrySetResult();
    }

    public BreakerSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var (failures, calls) = _window.Counts(now);
            return _openUntil switch
            {
                null => new BreakerSnapshot(Target, "closed", null, failures, calls),
                { } until when until > now => new BreakerSnapshot(Target, "open", until, failures, calls),

                // Its break is over: the next call is the trial.
                _ => new BreakerSnapshot(Target, "half_open", null, failures, calls),
            };
        }
    }

    /// <summary>The error of a call the breaker refused: category dependency, and a message that says until when and why it did not wait.</summary>
    public ActionFailedException Refusal(BreakerAdmission admission, string why)
    {
        var now = time.GetUtcNow();
        int failures;
        lock (_lock)
        {
            failures = _failuresWhenOpened;
        }

        var message = admission.OpenUntil is { } until
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"circuit breaker for '{Target}' is open after {failures} unhealthy {(failures == 1 ? "failure" : "failures")} in the last {Durations.Format(_window.Length)}; "
                + $"calls fail fast until {until.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (in {Durations.Format(Remaining(until, now))})")
            : $"circuit breaker for '{Target}' is half open: a trial call is under way, and other calls fail fast until it succeeds";
        return new ActionFailedException(message + why, new BrokenCircuitException(message)) { Category = ErrorCategory.Dependency, Target = Target, RefusedByBreaker = true };
    }

    /// <summary>What a call waits for, for the step's log.</summary>
    public string WaitNotice(BreakerAdmission admission)
    {
        var now = time.GetUtcNow();
        return admission.OpenUntil is { } until
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"circuit breaker for '{Target}' is open: waiting {Durations.Format(Remaining(until, now))} (until {until.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}) to make the trial call")
            : $"circuit breaker for '{Target}' is half open: waiting for the trial call under way";
    }

    private static TimeSpan Remaining(DateTimeOffset until, DateTimeOffset now) =>
        TimeSpan.FromSeconds(Math.Ceiling((until - now).TotalSeconds));
}
