namespace McpPlaybooks.Engine.Resilience;

/// <summary>How an attempt refused by an open circuit breaker is recognised in history: its error message begins with <see cref="Prefix"/>.</summary>
public static class BreakerRefusal
{
    public const string Prefix = "circuit breaker for '";

    public static bool Is(string? message) => message?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
