using System.Collections.Frozen;
using System.Globalization;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using Polly;
using Polly.CircuitBreaker;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>The circuit breaker of one target: its Polly pipeline, its state, when it may close, and its recent calls.</summary>
internal sealed class TargetBreaker
{
    /// <summary>Where each call puts the categorizer of its playbook, for ShouldHandle to find.</summary>
    public static readonly ResiliencePropertyKey<Func<Exception, ErrorCategory>> CategorizeKey = new("McpPlaybooks.Categorize");

    /// <summary>The categories that say the target itself is unhealthy; the others are the caller's fault or say nothing.</summary>
    public static readonly FrozenSet<ErrorCategory> Unhealthy = new[]
    {
        ErrorCategory.Network, ErrorCategory.Timeout, ErrorCategory.Temporary, ErrorCategory.Dependency, ErrorCategory.Resource,
    }.ToFrozenSet();

    private static readonly TimeSpan MinDuration = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    private readonly Lock _lock = new();
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeProvider _time;
    private readonly BreakerWindow _window;
    private DateTimeOffset? _openUntil;
    private int _failuresWhenOpened;

    public TargetBreaker(string target, CircuitBreakerSettings settings, TimeProvider time)
    {
        Target = target;
        _time = time;
        var samplingDuration = ClampDuration(settings.SamplingDuration);
        _window = new BreakerWindow(samplingDuration);
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = double.IsNaN(settings.FailureRatio) ? 1 : Math.Clamp(settings.FailureRatio, 0, 1),
                MinimumThroughput = Math.Max(2, settings.MinimumThroughput),
                SamplingDuration = samplingDuration,
                BreakDuration = ClampDuration(settings.BreakDuration),
                StateProvider = _state,
                ShouldHandle = args => ValueTask.FromResult(Observe(args.Outcome.Exception, args.Context)),
                OnOpened = args =>
                {
                    var (failures, _) = _window.Counts(_time.GetUtcNow());
                    lock (_lock)
                    {
                        _openUntil = _time.GetUtcNow() + args.BreakDuration;
                        _failuresWhenOpened = failures;
                    }

                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ => ClearOpenUntil(),
                OnClosed = _ => ClearOpenUntil(),
            })
            .Build();
    }

    public string Target { get; }

    public ResiliencePipeline Pipeline { get; }

    public BreakerSnapshot Snapshot()
    {
        var now = _time.GetUtcNow();
        var (failures, calls) = _window.Counts(now);
        DateTimeOffset? openUntil;
        lock (_lock)
        {
            openUntil = _openUntil;
        }

        return _state.CircuitState switch
        {
            CircuitState.Closed => new BreakerSnapshot(Target, "closed", null, failures, calls),
            CircuitState.Open when openUntil is { } until && until > now => new BreakerSnapshot(Target, "open", until, failures, calls),
            CircuitState.Isolated => new BreakerSnapshot(Target, "open", null, failures, calls),

            // Half open, or open with its break over: the next call is the trial.
            _ => new BreakerSnapshot(Target, "half_open", null, failures, calls),
        };
    }

    /// <summary>The error a call meets while the breaker is open: category dependency, and a message that says until when.</summary>
    public ActionFailedException FailFast(BrokenCircuitException error)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? openUntil;
        int failures;
        lock (_lock)
        {
            openUntil = _openUntil;
            failures = _failuresWhenOpened;
        }

        string message;
        if (error is IsolatedCircuitException)
        {
            message = $"circuit breaker for '{Target}' is held open; calls fail fast until it is released";
        }
        else if (openUntil is { } until && until > now)
        {
            var remaining = TimeSpan.FromSeconds(Math.Ceiling((until - now).TotalSeconds));
            message = string.Create(
                CultureInfo.InvariantCulture,
                $"circuit breaker for '{Target}' is open after {failures} {(failures == 1 ? "failure" : "failures")} in the last {Durations.Format(_window.Length)}; "
                + $"calls fail fast until {until.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (in {Durations.Format(remaining)})");
        }
        else
        {
            message = $"circuit breaker for '{Target}' is half open: a trial call is under way, and other calls fail fast until it succeeds";
        }

        return new ActionFailedException(message, error) { Category = ErrorCategory.Dependency, Target = Target };
    }

    private static TimeSpan ClampDuration(TimeSpan duration) =>
        duration < MinDuration ? MinDuration : duration > MaxDuration ? MaxDuration : duration;

    /// <summary>Records a call and says whether the breaker counts it as a failure. A cancelled call is not a call.</summary>
    private bool Observe(Exception? error, ResilienceContext context)
    {
        var now = _time.GetUtcNow();
        if (error is null)
        {
            _window.Record(now, failed: false);
            return false;
        }

        if (error is OperationCanceledException && (context.CancellationToken.IsCancellationRequested || !ExceptionChain.HasTimeout(error)))
        {
            return false;
        }

        var categorize = context.Properties.TryGetValue(CategorizeKey, out var fromCall) ? fromCall : e => ErrorCategorizer.Categorize(e, []);
        var unhealthy = Unhealthy.Contains(categorize(error));
        _window.Record(now, unhealthy);
        return unhealthy;
    }

    private ValueTask ClearOpenUntil()
    {
        lock (_lock)
        {
            _openUntil = null;
        }

        return ValueTask.CompletedTask;
    }
}
