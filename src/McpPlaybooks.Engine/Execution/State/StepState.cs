using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>One step of an <see cref="ExecutionState"/>.</summary>
public sealed record StepState
{
    public required string Id { get; init; }

    public required StepStatus Status { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The output (for a loop, the list of its iterations' outputs); null before it runs.</summary>
    public Value Output { get; init; } = Value.Null;

    public StepError? Error { get; init; }

    /// <summary>What a dry run found the step would do; null for a real run.</summary>
    public StepPlan? Plan { get; init; }

    /// <summary>
    /// An interrupted step's process (pid) that outlived the engine that started it and still runs (seen by the process
    /// that took the execution over); null otherwise. Not in the state's JSON: its error and next actions say it.
    /// </summary>
    public int? RunningProcessId { get; init; }
}
