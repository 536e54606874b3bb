namespace McpPlaybooks.Engine.Tests.Actions.Http;

/// <summary>A clock whose wall time stands still (timers still run in real time), for Retry-After dates.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
