namespace McpPlaybooks.Engine.History.Records;

/// <summary>Who did what to what: an execution started, a gate approved, a playbook saved.</summary>
public sealed record AuditRecord
{
    public long Id { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The identity (<c>cli:alice</c>, <c>elicitation:Claude</c>, <c>engine</c>).</summary>
    public required string Actor { get; init; }

    /// <summary>What was done, in snake case: <c>execution_started</c>, <c>step_approved</c>.</summary>
    public required string Action { get; init; }

    /// <summary><c>execution</c>, <c>playbook</c>, <c>step</c>.</summary>
    public required string SubjectType { get; init; }

    public required string SubjectId { get; init; }

    /// <summary>Details as JSON, masked; null when none.</summary>
    public string? DetailJson { get; init; }
}
