using McpPlaybooks.Engine.Definitions;
using Polly;
using Polly.Retry;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>
/// Builds the Polly retry pipeline of a step from its <see cref="RetrySettings"/>. An attempt is
/// retried when its error's category is in <c>retry_on</c>; never when the caller cancelled (an
/// OperationCanceledException is retried only when it is really a timeout, with a TimeoutException
/// inside, and the caller's token is not cancelled). A Retry-After from the target is waited
/// exactly; one longer than the cap (max_delay, or 5 minutes without one) is not retried at all:
/// the step fails at once with the server's own error, which says when to come back, rather than
/// hammering the target early or holding the execution for longer than the playbook allows. A call
/// refused by an open circuit breaker is not retried: an attempt that may wait waits for the breaker
/// itself, so a refusal means the wait would not fit.
/// </summary>
public static class StepRetryPipeline
{
    /// <summary>The longest Retry-After honoured when the step sets no max_delay.</summary>
    public static readonly TimeSpan DefaultRetryAfterCap = TimeSpan.FromMinutes(5);

    /// <summary>The longest delay Polly accepts.</summary>
    private static readonly TimeSpan PollyMaxDelay = TimeSpan.FromDays(1);

    /// <summary>The pipeline of <paramref name="settings"/>; <paramref name="onRetry"/> is awaited before each delay.</summary>
    public static ResiliencePipeline Create(RetrySettings settings, Func<Exception, ErrorCategory> categorize, TimeProvider time, Func<RetryNotice, ValueTask>? onRetry)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(categorize);
        ArgumentNullException.ThrowIfNull(time);
        if (settings.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        bool ShouldRetry(Exception? error, CancellationToken cancellationToken) => Retries(settings, categorize, error, cancellationToken);

        var options = new RetryStrategyOptions
        {
            MaxRetryAttempts = settings.MaxAttempts - 1,
            BackoffType = settings.Backoff switch
            {
                BackoffKind.Fixed => DelayBackoffType.Constant,
                BackoffKind.Linear => DelayBackoffType.Linear,
                _ => DelayBackoffType.Exponential,
            },
            Delay = Clamp(settings.Delay),
            MaxDelay = settings.MaxDelay is { } max ? Clamp(max) : null,
            UseJitter = settings.Jitter,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is { } error && RetryAfterOf(error) is { } retryAfter ? Clamp(retryAfter) : (TimeSpan?)null),
            OnRetry = args => onRetry is not null && args.Outcome.Exception is { } error
                ? onRetry(new RetryNotice(args.AttemptNumber + 1, categorize(error), args.RetryDelay, error))
                : ValueTask.CompletedTask,
        };

        return new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(options).Build();
    }

    /// <summary>
    /// Whether the pipeline of <paramref name="settings"/> retries after <paramref name="error"/> ended attempt
    /// <paramref name="attempt"/> (counted from 1): known before the failure is recorded, so a loop stops starting
    /// iterations at the moment one of them has failed for good.
    /// </summary>
    public static bool WillRetry(RetrySettings settings, Func<Exception, ErrorCategory> categorize, Exception error, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return attempt < settings.MaxAttempts && Retries(settings, categorize, error, cancellationToken);
    }

    private static bool Retries(RetrySettings settings, Func<Exception, ErrorCategory> categorize, Exception? error, CancellationToken cancellationToken) =>
        error is not null
        && !cancellationToken.IsCancellationRequested
        && (error is not OperationCanceledException || ExceptionChain.HasTimeout(error))
        && !IsRefusal(error)
        && settings.RetryOn.Contains(categorize(error))
        && !(RetryAfterOf(error) > (settings.MaxDelay ?? DefaultRetryAfterCap));

    /// <summary>A call an open breaker refused: it waited for the half-open moment when it could, so another attempt would only be refused again.</summary>
    private static bool IsRefusal(Exception error) => ExceptionChain.Walk(error).Any(e => e is Polly.CircuitBreaker.BrokenCircuitException);

    private static TimeSpan? RetryAfterOf(Exception error) => ExceptionChain.FindActionFailure(error)?.RetryAfter;

    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > PollyMaxDelay ? PollyMaxDelay : delay;
}
