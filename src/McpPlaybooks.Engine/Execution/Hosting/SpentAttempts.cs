using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The failed attempts of the steps a taken-over execution was running, by step and iteration: they count against the
/// step's <c>retry.max_attempts</c> when it runs again (an idempotent step), so that a crash neither adds tries nor takes
/// any away. The attempt in flight when the process died is not counted: it is made again. Only attempts started after
/// the execution was last reopened (<c>retry_step</c>, <c>skip_step</c>) count: a reopening begins new runs of its steps,
/// each with its whole budget.
/// </summary>
internal sealed class SpentAttempts
{
    private readonly Dictionary<(string StepId, int Iteration), int> _failed;

    private SpentAttempts(Dictionary<(string StepId, int Iteration), int> failed) => _failed = failed;

    public static SpentAttempts None { get; } = new([]);

    /// <summary>Reads them from <paramref name="stored"/>; the audit only for a running step that has failed attempts.</summary>
    public static async Task<SpentAttempts> ReadAsync(HistoryStore history, RestoredExecution stored, CancellationToken cancellationToken)
    {
        var running = stored.Steps.Where(step => step.Status == StepStatus.Running).Select(step => step.StepId).ToHashSet(StringComparer.Ordinal);
        var failed = stored.Attempts
            .Where(attempt => attempt.Kind == AttemptKind.Step && attempt.Status == StepStatus.Failed && running.Contains(attempt.StepId))
            .ToList();
        if (failed.Count == 0)
        {
            return None;
        }

        // The execution's latest reopening (retry_step or skip_step of any of its steps) began the runs of its steps now running.
        var steps = stored.Steps.Select(step => $"{stored.Record.Id}/{step.StepId}").ToList();
        var reopened = await history.GetLatestAuditTimeAsync(steps, PendingRequest.Reopening, cancellationToken).ConfigureAwait(false);
        var counted = new Dictionary<(string, int), int>();
        foreach (var attempt in failed.Where(attempt => reopened is null || attempt.StartedAt > reopened))
        {
            var key = (attempt.StepId, Key(attempt.Iteration));
            counted[key] = counted.GetValueOrDefault(key) + 1;
        }

        return new(counted);
    }

    /// <summary>The failed attempts of <paramref name="stepId"/>, by iteration (-1 outside a loop).</summary>
    public IReadOnlyDictionary<int, int> Of(string stepId) =>
        _failed.Where(entry => entry.Key.StepId == stepId).ToDictionary(entry => entry.Key.Iteration, entry => entry.Value);

    /// <summary>The key of an iteration: its index, or -1 outside a loop.</summary>
    public static int Key(int? iteration) => iteration ?? -1;
}
