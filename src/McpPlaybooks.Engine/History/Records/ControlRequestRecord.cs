namespace McpPlaybooks.Engine.History.Records;

/// <summary>
/// A control action or a decision asked of an execution that another process owns. The owner reads the
/// pending ones of its executions, applies them, and marks them handled with the result.
/// </summary>
public sealed record ControlRequestRecord
{
    /// <summary>Assigned by the store.</summary>
    public long Id { get; init; }

    public required string ExecutionId { get; init; }

    /// <summary>A control action in snake case (<c>retry_step</c>), or <c>approve</c>/<c>reject</c> for a decision.</summary>
    public required string Action { get; init; }

    /// <summary>The request's fields as JSON (step, signal type, correlation, payload, roles, comment), masked.</summary>
    public string? PayloadJson { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? HandledAt { get; init; }

    /// <summary>Null when applied; otherwise the refusal's message.</summary>
    public string? Error { get; init; }
}
