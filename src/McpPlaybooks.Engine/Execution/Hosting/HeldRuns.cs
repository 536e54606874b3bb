using System.Collections.Concurrent;
using McpPlaybooks.Engine.Execution.Scheduling;
using McpPlaybooks.Engine.Execution.State;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The runs this process holds (driving or parked), one per execution, with what hangs on each while it is held: the
/// observer its start attached, and the deadlines of its open gates, watched here (a gate that times out is expired on the
/// run that holds it). A parked execution is only its state here: no task, no thread.
/// </summary>
internal sealed class HeldRuns : IDisposable
{
    private readonly ConcurrentDictionary<string, ExecutionRun> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IDisposable> _observerLeases = new(StringComparer.Ordinal);
    private readonly DeadlineIndex _deadlines;

    public HeldRuns(TimeProvider time, ILogger logger) => _deadlines = new DeadlineIndex(time, OnDeadlineAsync, logger);

    public int Count => _runs.Count;

    /// <summary>Gates with a deadline being watched.</summary>
    public int Deadlines => _deadlines.Count;

    public ICollection<ExecutionRun> Values => _runs.Values;

    public bool Holds(string executionId) => _runs.ContainsKey(executionId);

    public bool TryGet(string executionId, out ExecutionRun run) => _runs.TryGetValue(executionId, out run!);

    /// <summary>Holds <paramref name="run"/> for its execution, in place of any run held for it before.</summary>
    public void Hold(ExecutionRun run) => _runs[run.Id] = run;

    /// <summary>Keeps the subscription of the observer a start attached, disposed when the run leaves.</summary>
    public void Observe(string executionId, IDisposable subscription) => _observerLeases[executionId] = subscription;

    /// <summary>Whether <paramref name="run"/> waits only for parked children, here or elsewhere.</summary>
    public bool IsParkedThroughChildren(ExecutionRun run) =>
        ParkedThroughChildren.Is(run, id => _runs.TryGetValue(id, out var found) ? found : null);

    public void GateOpened(ExecutionRun run, PendingApproval gate)
    {
        if (gate.ExpiresAt is { } at)
        {
            _deadlines.Set(DeadlineKey(run.Id, gate.StepId), at);
        }
    }

    public void GateClosed(ExecutionRun run, string stepId) => _deadlines.Remove(DeadlineKey(run.Id, stepId));

    /// <summary>
    /// Takes <paramref name="run"/> out (not a run held for its execution since), with its gates' deadlines and its observer;
    /// false when it was not held.
    /// </summary>
    public bool Leave(ExecutionRun run)
    {
        if (!_runs.TryRemove(KeyValuePair.Create(run.Id, run)))
        {
            return false;
        }

        foreach (var stepId in run.GateIds)
        {
            GateClosed(run, stepId);
        }

        DropObserver(run.Id);
        return true;
    }

    /// <summary>A run no drive will let go: a dry run that ended at its start, or a start another process overtook.</summary>
    public void ForgetUnstarted(ExecutionRun run)
    {
        _runs.TryRemove(run.Id, out _);
        DropObserver(run.Id);
    }

    /// <summary>Whatever run is held for the execution leaves, nothing else with it: one a takeover could not finish rebuilding.</summary>
    public void Drop(string executionId) => _runs.TryRemove(executionId, out _);

    /// <summary>Stops watching the deadlines.</summary>
    public void Dispose() => _deadlines.Dispose();

    private void DropObserver(string executionId)
    {
        if (_observerLeases.TryRemove(executionId, out var subscription))
        {
            subscription.Dispose();
        }
    }

    private static string DeadlineKey(string executionId, string stepId) => executionId + "\n" + stepId;

    private Task OnDeadlineAsync(string key)
    {
        var parts = key.Split('\n', 2);
        if (_runs.TryGetValue(parts[0], out var run))
        {
            run.ExpireGate(parts[1]);
        }

        return Task.CompletedTask;
    }
}
