using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The rollback calls an execution's history records as completed, by call and iteration: what a process that takes over
/// a rollback its owner died in does not run again. Each call's end is committed before the next starts, and the step is
/// marked rolled back only after its last: without this, a kill between the two ran the call that had ended once more.
/// </summary>
internal sealed class UndoneCalls
{
    private readonly HashSet<(string RecordId, int? Iteration)> _completed;

    private UndoneCalls(IEnumerable<(string, int?)> completed) => _completed = [.. completed];

    public static UndoneCalls Of(RestoredExecution stored) => new(stored.Attempts
        .Where(attempt => attempt.Kind == AttemptKind.Rollback && attempt.Status == StepStatus.Completed)
        .Select(attempt => (attempt.StepId, attempt.Iteration)));

    /// <summary>Whether the call recorded as <paramref name="recordId"/> (<c>step.rollback[i]</c>) completed for <paramref name="iteration"/>.</summary>
    public bool Completed(string recordId, int? iteration) => _completed.Contains((recordId, iteration));
}
