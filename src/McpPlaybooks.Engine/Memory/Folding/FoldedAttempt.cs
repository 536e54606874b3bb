namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>One step attempt as the fold reads it (kind <c>step</c> only; rollback, verify and finally calls are not folded).</summary>
internal sealed record FoldedAttempt(
    long Id,
    string StepId,
    long Iteration,
    int Attempt,
    string? Target,
    string Status,
    string? Category,
    string? Message,
    long StartedAt,
    double? DurationMs,
    long? TimeoutMs,
    bool RefusedByBreaker)
{
    public bool Failed => Status == "failed";

    public bool Completed => Status == "completed";

    /// <summary>An attempt with an outcome: completed or failed (a cancelled or interrupted one says nothing about the step).</summary>
    public bool Ended => Completed || Failed;

    /// <summary>Refused by an open circuit breaker, as the engine recorded it with the attempt: no call was made, so it is neither a retry trial nor a duration.</summary>
    public bool Refused => Failed && RefusedByBreaker;

    /// <summary>The engine's limit (the attempt's timeout or its step's step_timeout) when it is what stopped the attempt, as recorded with the attempt; null otherwise.</summary>
    public TimeSpan? StoppedByTimeout => Failed && TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    public static List<FoldedAttempt> ReadAll(FoldCommand select, string executionId)
    {
        var attempts = new List<FoldedAttempt>();
        using var reader = select.Query(executionId);
        while (reader.Read())
        {
            attempts.Add(new FoldedAttempt(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt64(2),
                checked((int)reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt64(8),
                reader.IsDBNull(9) ? null : reader.GetDouble(9),
                reader.IsDBNull(10) ? null : reader.GetInt64(10),
                reader.GetInt64(11) != 0));
        }

        return attempts;
    }
}
