using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The runs of the steps a taken-over execution had under way: running when its process died, or pending again after an
/// earlier takeover and not started since (a pause asked again at it, say). An idempotent step that runs again goes on
/// with its run's budgets: the attempts that failed count against <c>retry.max_attempts</c> (the attempt in flight is made
/// again), and the time the run had taken (from its first attempt to the takeover, the time the process was down
/// included) against <c>step_timeout</c>; so a crash neither adds tries or time nor takes any away. A step's run began at
/// the latest reopening (<c>retry_step</c>, <c>skip_step</c>) of the step or of a step it needs at the earliest: that is
/// what set it pending again; the attempts before it belong to earlier runs.
/// </summary>
internal sealed class RunsInFlight
{
    private readonly Dictionary<string, StepRunBefore> _runs;

    private RunsInFlight(Dictionary<string, StepRunBefore> runs) => _runs = runs;

    /// <summary>Reads them from <paramref name="stored"/>; the audit only for a step whose attempts include one that ended.</summary>
    public static async Task<RunsInFlight> ReadAsync(HistoryStore history, RestoredExecution stored, PlaybookDefinition playbook, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, StepRunBefore>(StringComparer.Ordinal);
        var attempts = stored.Attempts.Where(attempt => attempt.Kind == AttemptKind.Step).ToLookup(attempt => attempt.StepId, StringComparer.Ordinal);
        var steps = new Lazy<Dictionary<string, StepDefinition>>(() => playbook.Steps.ToDictionary(step => step.Id, StringComparer.Ordinal));
        foreach (var step in stored.Steps.Where(step => step.Status is StepStatus.Running or StepStatus.Pending && attempts.Contains(step.StepId)))
        {
            var own = attempts[step.StepId].ToList();

            // An attempt in flight is of the run under way; one that ended may be of an earlier run. A running step's run began
            // at the latest reopening that could set it pending: of itself or of a step it needs. A pending one may also have
            // been set pending from not_run by a reopening of any step: that one counts for it too (at worst it gets back
            // the tries and time of a run that a reopening of another step did not end).
            var reopened = own.Exists(attempt => attempt.Status != StepStatus.Running)
                ? await history.GetLatestAuditTimeAsync(
                    [.. (step.Status == StepStatus.Running ? Upstream(steps.Value, step.StepId) : (IEnumerable<string>)steps.Value.Keys).Select(id => $"{stored.Record.Id}/{id}")],
                    PendingRequest.Reopening,
                    cancellationToken).ConfigureAwait(false)
                : null;
            var current = own.Where(attempt => attempt.Status == StepStatus.Running || reopened is null || attempt.StartedAt >= reopened).ToList();
            if (current.Count == 0)
            {
                continue;
            }

            var failed = current
                .Where(attempt => attempt.Status == StepStatus.Failed)
                .GroupBy(attempt => Key(attempt.Iteration))
                .ToDictionary(group => group.Key, group => Failures.Of(group));

            // A run still recorded running went on until now; one set pending by an earlier takeover, until that takeover
            // (its interrupted attempt's end). Neither counts the time from an earlier takeover to the step's next start.
            var began = current.Min(attempt => attempt.StartedAt);
            var until = step.Status == StepStatus.Running ? now : current.Max(attempt => attempt.EndedAt ?? now);
            var spent = until - began - PendingAfterTakeovers(current);
            runs[step.StepId] = new StepRunBefore(failed, spent > TimeSpan.Zero ? spent : TimeSpan.Zero);
        }

        return new(runs);
    }

    /// <summary>The run of <paramref name="stepId"/> before the takeover; null when it has none.</summary>
    public StepRunBefore? Of(string stepId) => _runs.GetValueOrDefault(stepId);

    /// <summary>The key of an iteration: its index, or -1 outside a loop.</summary>
    public static int Key(int? iteration) => iteration ?? -1;

    /// <summary>
    /// The time a run spent pending after earlier takeovers: from each takeover (the end its interrupted attempts were given)
    /// to the next attempt's start (a pause asked again there may have held it for hours).
    /// </summary>
    private static TimeSpan PendingAfterTakeovers(List<StepAttemptRecord> attempts)
    {
        var pending = TimeSpan.Zero;
        foreach (var takeover in attempts.Where(attempt => attempt.Status == StepStatus.Interrupted && attempt.EndedAt is not null).Select(attempt => attempt.EndedAt!.Value).Distinct())
        {
            var next = attempts.Where(attempt => attempt.StartedAt >= takeover).Select(attempt => (DateTimeOffset?)attempt.StartedAt).Min();
            if (next is { } restarted)
            {
                pending += restarted - takeover;
            }
        }

        return pending;
    }

    /// <summary>The step and every step it needs, directly or not: a reopening of any of them may have set it pending.</summary>
    private static HashSet<string> Upstream(Dictionary<string, StepDefinition> byId, string stepId)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([stepId]);
        while (queue.TryDequeue(out var id))
        {
            if (found.Add(id) && byId.TryGetValue(id, out var step))
            {
                step.Needs.ToList().ForEach(queue.Enqueue);
            }
        }

        return found;
    }
}
