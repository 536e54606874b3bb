namespace McpPlaybooks.Engine.Execution.State;

/// <summary>
/// One <c>finally</c> call of an <see cref="ExecutionState"/>: how it ended (completed, failed, skipped by its
/// <c>when</c>) and why it failed; in a dry run, what it would do. A failed finally call never changes the
/// execution's status, so it is reported here.
/// </summary>
public sealed record FinallyResult
{
    /// <summary>The call's <c>id</c>, or <c>finally[i]</c>.</summary>
    public required string Id { get; init; }

    public required string Action { get; init; }

    public required StepStatus Status { get; init; }

    /// <summary>Why it failed (masked), or why it was skipped.</summary>
    public StepError? Error { get; init; }

    /// <summary>What a dry run found it would do; null for a real run.</summary>
    public StepPlan? Plan { get; init; }
}
