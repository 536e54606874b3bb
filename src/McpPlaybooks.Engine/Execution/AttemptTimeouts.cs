using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// How an attempt stopped by its own timeout (the step's <c>timeout</c>, else the default one) says so to people: its error
/// message is <c>{action} timed out after {limit}</c>. The limit itself is recorded with the attempt as data
/// (<c>StepAttemptRecord.StoppedByTimeout</c>), which is what the learning memory reads: a message is masked and may change.
/// </summary>
internal static class AttemptTimeouts
{
    /// <summary>The failure's message when the attempt's own timeout of <paramref name="limit"/> stopped <paramref name="action"/>.</summary>
    public static string Message(string action, TimeSpan limit) => action + " timed out after " + Durations.Format(limit);
}
