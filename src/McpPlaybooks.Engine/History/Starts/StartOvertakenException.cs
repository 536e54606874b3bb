namespace McpPlaybooks.Engine.History.Starts;

/// <summary>
/// A start's <see cref="StartClaim"/> no longer held in the transaction that was to record it: another process recorded a start
/// first (with the same idempotency key, identical, or one that fills a limit). Nothing of the start was stored; the host checks
/// again, against what that process recorded, and answers as if it had seen it from the beginning.
/// </summary>
internal sealed class StartOvertakenException : HistoryWriteException
{
    public StartOvertakenException()
    {
    }

    public StartOvertakenException(string message)
        : base(message)
    {
    }

    public StartOvertakenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StartOvertakenException(string databasePath, StartClaim claim, string broken)
        : base(
            $"Another process recorded a start of playbook '{claim.PlaybookId}' first ({broken}), and this start of it was not recorded in the history database '{databasePath}'. Retry: the retry sees that start.",
            databasePath,
            null,
            null)
    {
        Broken = broken;
    }

    /// <summary>What the other start broke: <c>idempotency_key</c>, <c>identical_run</c>, <c>max_concurrent</c> or <c>max_executions_per_hour</c>.</summary>
    public string Broken { get; } = "";
}
