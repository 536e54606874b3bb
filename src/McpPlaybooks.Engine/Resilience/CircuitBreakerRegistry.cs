using System.Collections.Concurrent;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;
using Polly;
using Polly.CircuitBreaker;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>
/// One circuit breaker per target (an HTTP host, an executable), shared by every execution in the
/// process and created on first use. Only failures that say the target is unhealthy count
/// (network, timeout, temporary, dependency, resource); an authentication failure or a bad
/// argument never opens a breaker, and a cancelled call is not counted at all. Polly's limits
/// apply: at least 2 calls in the window, a window and a break of at least 500 ms.
/// </summary>
public sealed class CircuitBreakerRegistry(CircuitBreakerSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TargetBreaker> _breakers = new(StringComparer.Ordinal);

    public CircuitBreakerSettings Settings { get; } = settings;

    public TimeProvider Time { get; } = time;

    /// <summary>Runs <paramref name="action"/> through the target's breaker; an open breaker throws an ActionFailedException of category dependency at once.</summary>
    public async Task<T> ExecuteAsync<T>(string target, Func<CancellationToken, Task<T>> action, Func<Exception, ErrorCategory> categorize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(categorize);
        var breaker = _breakers.GetOrAdd(target, static (key, self) => new TargetBreaker(key, self.Settings, self.Time), this);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TargetBreaker.CategorizeKey, categorize);
        try
        {
            return await breaker.Pipeline.ExecuteAsync(
                static (ctx, run) => new ValueTask<T>(run(ctx.CancellationToken)),
                context,
                action);
        }
        catch (BrokenCircuitException error)
        {
            throw breaker.FailFast(error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Every target seen so far, by name, with its state (<c>closed</c>, <c>open</c>, <c>half_open</c>) and its calls in the sampling window.</summary>
    public IReadOnlyList<BreakerSnapshot> Snapshot() =>
        [.. _breakers.Values.OrderBy(b => b.Target, StringComparer.Ordinal).Select(b => b.Snapshot())];
}
