namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The timeout one attempt runs under: its own <c>timeout</c>, else the default one (the playbook's <c>defaults.timeout</c>,
/// else the engine's), except for actions that bound their own waiting (a duration, a <c>with.timeout</c>, a child's run):
/// no default cuts those. The engine runs attempts by it, and the learning memory compares a step's history with it.
/// </summary>
internal static class AttemptLimits
{
    /// <summary>The limit of an attempt of <paramref name="action"/>; <see cref="Timeout.InfiniteTimeSpan"/> when none applies.</summary>
    public static TimeSpan Of(TimeSpan? own, string action, TimeSpan? playbookDefault, TimeSpan engineDefault) =>
        own ?? (action is "wait" or "wait_for" or "event" or "playbook" ? Timeout.InfiniteTimeSpan : playbookDefault ?? engineDefault);
}
