using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>One circuit breaker per target (an HTTP host, an executable), shared by every execution in the process.</summary>
public sealed class CircuitBreakerRegistry(CircuitBreakerSettings settings, TimeProvider time)
{
    public CircuitBreakerSettings Settings { get; } = settings;

    public TimeProvider Time { get; } = time;

    /// <summary>Runs <paramref name="action"/> through the target's breaker; an open breaker throws an ActionFailedException of category dependency at once.</summary>
    public Task<T> ExecuteAsync<T>(string target, Func<CancellationToken, Task<T>> action, Func<Exception, ErrorCategory> categorize, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public IReadOnlyList<BreakerSnapshot> Snapshot() => throw new NotImplementedException();
}
