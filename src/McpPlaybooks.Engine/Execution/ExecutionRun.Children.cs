using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The child executions the run's <c>playbook</c> steps wait for: shown in its state while they run (their gates among
/// its pending approvals), and whether that is all it waits for (parked through its children).
/// </summary>
internal sealed partial class ExecutionRun
{
    private readonly ChildGates _childGates = new();

    /// <summary>Commits the log lines (and pure steps' ends) the run holds: before one of its steps waits on something that may take hours.</summary>
    public Task CommitHeldAsync() => _history.WriteAsync([]);

    /// <summary>
    /// Shows a child execution in the step (and iteration, in a loop) that runs it, while it runs: its id and status as the
    /// step's output, and its open gates among this execution's pending approvals (each naming the child), beside those of
    /// the loop's other children. A state of the child older than the one shown is left out (<see cref="ChildGates"/>).
    /// </summary>
    public void ShowChild(string stepId, int? iteration, ExecutionState child)
    {
        if (!_byId.TryGetValue(stepId, out var step))
        {
            return;
        }

        var shown = false;
        Mutate(() =>
        {
            shown = _childGates.Show(ChildGates.Key(stepId, iteration), child);
            if (shown && step.Status == StepStatus.Running)
            {
                step.Output = ShownChild.Output(child.ExecutionId, child.Status);
            }
        });
        if (shown)
        {
            _observer?.ExecutionChanged(BuildState());
        }
    }

    /// <summary>The child's gates leave the parent's state once the child step (or its iteration) is done.</summary>
    public void ForgetChild(string stepId, int? iteration) => Mutate(() => _childGates.Forget(ChildGates.Key(stepId, iteration)));

    /// <summary>
    /// The children the run's steps wait for, when that is all it does: it is driving, running (no cancel or pause asked),
    /// every step it runs waits only for children it has seen (<see cref="ChildWaitsOf"/>), and no other step is ready to
    /// start. Null otherwise.
    /// </summary>
    public IReadOnlyList<ChildWait>? ChildWaits()
    {
        if (!RunsChildren)
        {
            return null;
        }

        lock (_lock)
        {
            if (_drive is not { IsCompleted: false } || _record.Status != ExecutionStatus.Running || _cancel.IsCancellationRequested || _pauseRequested)
            {
                return null;
            }

            var running = _steps.Where(s => s.Status == StepStatus.Running).ToList();
            var startable = running.Count < _playbook.Concurrency
                && _steps.Exists(s => s.Status == StepStatus.Pending && s.Definition.Needs.All(need => Satisfies(_byId[need])));
            if (running.Count == 0 || startable)
            {
                return null;
            }

            var waits = new List<ChildWait>();
            foreach (var step in running)
            {
                if (ChildWaitsOf(step) is not { } each)
                {
                    return null;
                }

                waits.AddRange(each);
            }

            return waits;
        }
    }

    /// <summary>
    /// The children a running step waits for, when that is all it does: a <c>playbook</c> step's child, or each running
    /// iteration's child of a loop of them whose other iterations cannot start (every slot is taken, or none is left).
    /// </summary>
    private List<ChildWait>? ChildWaitsOf(StepRuntime step)
    {
        if (step.Definition.Foreach is null)
        {
            return _childGates.Of(ChildGates.Key(step.Id, iteration: null)) is { } wait ? [wait] : null;
        }

        var (iterating, notStarted, concurrency) = step.Iterations;
        var waits = _childGates.OfLoop(step.Id);
        return iterating == 0 || waits.Count != iterating || (notStarted > 0 && iterating < concurrency) ? null : waits;
    }
}
