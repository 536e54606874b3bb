using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The runs of the steps a taken-over execution had in flight: when each began (its first attempt), and its attempts that
/// failed, by iteration. An idempotent step that runs again goes on with that run's budgets: its failed attempts count
/// against <c>retry.max_attempts</c> (the attempt in flight is made again) and its <c>step_timeout</c> counts from when
/// the run began, so a crash neither adds tries or time nor takes any away. A run began at the execution's latest
/// reopening (<c>retry_step</c>, <c>skip_step</c>) at the earliest: the attempts before it belong to earlier runs.
/// </summary>
internal sealed class RunsInFlight
{
    private readonly Dictionary<(string StepId, int Iteration), int> _failed;
    private readonly Dictionary<string, DateTimeOffset> _began;

    private RunsInFlight(Dictionary<(string StepId, int Iteration), int> failed, Dictionary<string, DateTimeOffset> began) =>
        (_failed, _began) = (failed, began);

    /// <summary>Reads them from <paramref name="stored"/>; the audit only when a running step has attempts that ended.</summary>
    public static async Task<RunsInFlight> ReadAsync(HistoryStore history, RestoredExecution stored, CancellationToken cancellationToken)
    {
        var running = stored.Steps.Where(step => step.Status == StepStatus.Running).Select(step => step.StepId).ToHashSet(StringComparer.Ordinal);
        var attempts = stored.Attempts.Where(attempt => attempt.Kind == AttemptKind.Step && running.Contains(attempt.StepId)).ToList();

        // An attempt in flight is of the run in flight; one that ended may be of an earlier run.
        var reopened = attempts.Any(attempt => attempt.Status != StepStatus.Running)
            ? await history.GetLatestAuditTimeAsync([.. stored.Steps.Select(step => $"{stored.Record.Id}/{step.StepId}")], PendingRequest.Reopening, cancellationToken).ConfigureAwait(false)
            : null;
        var current = attempts.Where(attempt => attempt.Status == StepStatus.Running || reopened is null || attempt.StartedAt > reopened).ToList();
        var failed = current
            .Where(attempt => attempt.Status == StepStatus.Failed)
            .GroupBy(attempt => (attempt.StepId, Key(attempt.Iteration)))
            .ToDictionary(group => group.Key, group => group.Count());
        var began = current
            .GroupBy(attempt => attempt.StepId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Min(attempt => attempt.StartedAt), StringComparer.Ordinal);
        return new(failed, began);
    }

    /// <summary>The failed attempts of <paramref name="stepId"/>'s run, by iteration (<see cref="Key"/>).</summary>
    public IReadOnlyDictionary<int, int> FailedOf(string stepId) =>
        _failed.Where(entry => entry.Key.StepId == stepId).ToDictionary(entry => entry.Key.Iteration, entry => entry.Value);

    /// <summary>When <paramref name="stepId"/>'s run began: its first attempt's start; null when it has none recorded.</summary>
    public DateTimeOffset? BeganOf(string stepId) => _began.TryGetValue(stepId, out var began) ? began : null;

    /// <summary>The key of an iteration: its index, or -1 outside a loop.</summary>
    public static int Key(int? iteration) => iteration ?? -1;
}
