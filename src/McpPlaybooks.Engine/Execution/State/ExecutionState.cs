using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>
/// The state of an execution in the one shape of design §5: what <c>run --json</c> prints, what
/// <c>get_execution</c> returns. Every text in it is masked.
/// </summary>
public sealed record ExecutionState
{
    public required string ExecutionId { get; init; }

    public required string PlaybookId { get; init; }

    public required string PlaybookVersion { get; init; }

    public required ExecutionStatus Status { get; init; }

    public bool DryRun { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Why the execution failed, when it did.</summary>
    public StepError? Error { get; init; }

    public IReadOnlyList<StepState> Steps { get; init; } = [];

    /// <summary>The <c>finally</c> calls, in order, once they ran (or, in a dry run, as planned).</summary>
    public IReadOnlyList<FinallyResult> Finally { get; init; } = [];

    /// <summary>A dry run's verdict: what would fail in a real run, and why (each names its step); empty otherwise.</summary>
    public IReadOnlyList<string> WouldFail { get; init; } = [];

    public IReadOnlyList<PendingApproval> PendingApprovals { get; init; } = [];

    /// <summary>The playbook's outputs (an object); empty until it completes.</summary>
    public Value Outputs { get; init; } = Value.From(Array.Empty<KeyValuePair<string, Value>>());

    public IReadOnlyList<NextAction> NextActions { get; init; } = [];

    /// <summary>
    /// When this process built the state, in order: a state built later has a greater number, whatever the execution; 0 for a
    /// state read from history. Not part of what is shown.
    /// </summary>
    internal long Revision { get; init; }
}
