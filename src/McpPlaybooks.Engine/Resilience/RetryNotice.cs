using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>An attempt failed and another will follow after <see cref="Delay"/>.</summary>
public sealed record RetryNotice(int FailedAttempt, ErrorCategory Category, TimeSpan Delay, Exception Error);
