using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.History.Records;

/// <summary>The current state of one step of an execution: what a resume starts from. Masked.</summary>
public sealed record StepStateRecord
{
    public required string ExecutionId { get; init; }

    public required string StepId { get; init; }

    /// <summary>The step's place in the playbook, for listing in order.</summary>
    public int Position { get; init; }

    public required StepStatus Status { get; init; }

    /// <summary>Attempts made, over all iterations.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The output as JSON (for a loop, the list of iteration outputs); null when none.</summary>
    public string? OutputJson { get; init; }

    public ErrorCategory? ErrorCategory { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>A dry run's plan of the step as JSON; null for a real run.</summary>
    public string? PlanJson { get; init; }

    /// <summary>Skipped because a step it needs failed or was skipped so (its dependents are skipped too).</summary>
    public bool Blocked { get; init; }
}
