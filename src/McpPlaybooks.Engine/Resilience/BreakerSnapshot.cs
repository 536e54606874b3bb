namespace McpPlaybooks.Engine.Resilience;

/// <summary>The state of one target's breaker, for metrics: <c>closed</c>, <c>open</c>, <c>half_open</c>.</summary>
public sealed record BreakerSnapshot(string Target, string State, DateTimeOffset? OpenUntil, int Failures, int Calls);
