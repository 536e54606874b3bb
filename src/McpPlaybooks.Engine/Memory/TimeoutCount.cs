namespace McpPlaybooks.Engine.Memory;

/// <summary>How many attempts of a step its own timeout stopped at <paramref name="Limit"/> (the timeout it had then).</summary>
public sealed record TimeoutCount(TimeSpan Limit, int Count);
