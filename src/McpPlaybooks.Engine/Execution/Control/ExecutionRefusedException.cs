namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>
/// A request the engine refused, with a message that names the problem and what to do next:
/// an unknown id, a transition the current state does not allow, an approver not on the list, a guardrail.
/// Nothing was changed.
/// </summary>
public sealed class ExecutionRefusedException : Exception
{
    public ExecutionRefusedException()
    {
    }

    public ExecutionRefusedException(string message)
        : base(message)
    {
    }

    public ExecutionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExecutionRefusedException(RefusalKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public RefusalKind Kind { get; init; } = RefusalKind.InvalidRequest;

    /// <summary>For a guardrail: the rule that refused (<c>max_executions_per_hour</c>).</summary>
    public string? Rule { get; init; }

    /// <summary>For a guardrail: the earliest time the run may be allowed; null when it depends on something else ending.</summary>
    public DateTimeOffset? RetryAt { get; init; }
}
