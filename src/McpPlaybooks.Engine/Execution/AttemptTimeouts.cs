using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// How an attempt stopped by its own timeout (the step's <c>timeout</c>, else the default one) says so: its error message is
/// exactly <c>{action} timed out after {limit}</c>, written by the engine and by nothing else (an action that reports a
/// timeout of its own, a process that prints "timed out", a <c>step_timeout</c>: other words). The learning memory reads
/// the limit back from it, so history written before anything else recorded it reads the same way.
/// </summary>
internal static class AttemptTimeouts
{
    private const string Middle = " timed out after ";

    /// <summary>The failure's message when the attempt's own timeout of <paramref name="limit"/> stopped <paramref name="action"/>.</summary>
    public static string Message(string action, TimeSpan limit) => action + Middle + Durations.Format(limit);

    /// <summary>The limit that stopped the attempt, when <paramref name="message"/> is exactly <see cref="Message"/>'s for <paramref name="action"/>.</summary>
    public static bool TryParse(string action, string? message, out TimeSpan limit)
    {
        limit = TimeSpan.Zero;
        var prefix = action + Middle;
        return message is not null
            && message.StartsWith(prefix, StringComparison.Ordinal)
            && Durations.TryParse(message[prefix.Length..], out limit)
            && limit > TimeSpan.Zero
            && Durations.Format(limit) == message[prefix.Length..];
    }
}
