using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>One control action on an execution, by someone.</summary>
public sealed record ControlRequest
{
    public required string ExecutionId { get; init; }

    public required ControlAction Action { get; init; }

    /// <summary>The step of <c>retry_step</c> and <c>skip_step</c>.</summary>
    public string? StepId { get; init; }

    /// <summary>The event type of a <c>signal</c>.</summary>
    public string? SignalType { get; init; }

    /// <summary>The correlation of a <c>signal</c>; an <c>event</c> step with a correlation waits for this exact one.</summary>
    public string? Correlation { get; init; }

    /// <summary>The payload of a <c>signal</c>, the event step's <c>output.payload</c>.</summary>
    public Value Payload { get; init; } = Value.Null;

    /// <summary>
    /// For a cancel: answer once it is recorded and the running steps are told to stop, rather than once the execution has
    /// stopped (its finally steps may run long). <c>tasks/cancel</c> asks so, and a cancel applied for another process
    /// is answered so (the process that asked waits a few seconds at most).
    /// </summary>
    public bool AnswerWhenRecorded { get; init; }

    /// <summary>Who asks, for the audit trail.</summary>
    public string RequestedBy { get; init; } = "unknown";

    /// <summary>Why, for the audit trail.</summary>
    public string? Comment { get; init; }

    /// <summary>
    /// Where the request came from, for the audit trail (<c>dashboard</c>); null when the caller does not say. Recorded in
    /// the audit entry's detail and in the log line; it grants nothing.
    /// </summary>
    public string? Channel { get; init; }
}
