using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// A run that has nothing to do but wait for child executions that are parked (at a gate, or paused; in this process, in
/// another, or themselves so waiting; one per running iteration of a loop whose other iterations cannot start): parked
/// in all but name, since nothing moves until a person decides the child's gate or goes on with it. A wait for the run to
/// end or park returns, a process that waits for its runs to park does not wait for it, and one that stops lets its
/// lease go, so the next process takes it over at once (its step attaches to the same child).
/// </summary>
internal static class ParkedThroughChildren
{
    /// <summary>How often a wait looks again while a run waits for children: a child's parking is no event of its parent's drive.</summary>
    public static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether <paramref name="run"/> waits only for parked children; <paramref name="here"/> finds a run of this process.</summary>
    public static bool Is(ExecutionRun run, Func<string, ExecutionRun?> here, int depth = 0) =>
        depth <= PlaybookAction.MaxDepth
        && run.ChildWaits() is { } waits
        && waits.All(wait => here(wait.ChildId) is { } child
            ? child.IsDriving ? Is(child, here, depth + 1) : child.IsParked && !child.HasDecidedGate
            : wait.ParkedElsewhere);

    /// <summary>
    /// Whether an execution another process runs waits only for parked children, by what history says: it is running, and
    /// every step it runs waits for children it started that have not ended, each parked (at a gate, or paused) or itself
    /// so waiting. A process that follows the execution through history returns from its waits on it as the owner does;
    /// before, it waited out its whole timeout.
    /// </summary>
    public static async Task<bool> InHistoryAsync(HistoryStore history, ExecutionRecord record, CancellationToken cancellationToken, int depth = 0)
    {
        if (record.Status != ExecutionStatus.Running || depth > PlaybookAction.MaxDepth)
        {
            return false;
        }

        var children = (await history.ListChildrenAsync(record.Id, cancellationToken).ConfigureAwait(false)).Where(c => c.EndedAt is null && !c.DryRun).ToList();
        var running = children.Count == 0 ? [] : (await history.GetStepStatesAsync(record.Id, cancellationToken).ConfigureAwait(false)).Where(s => s.Status == StepStatus.Running).ToList();
        if (running.Count == 0)
        {
            return false;
        }

        foreach (var step in running)
        {
            var waited = children.Where(c => ChildKey.IsOfStep(record.Id, step.StepId, c.IdempotencyKey)).ToList();
            if (waited.Count == 0)
            {
                return false;
            }

            foreach (var child in waited)
            {
                if (child.Status is not (ExecutionStatus.WaitingApproval or ExecutionStatus.Paused) && !await InHistoryAsync(history, child, cancellationToken, depth + 1).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
