using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The DAG: steps start as soon as what they need has finished, up to the concurrency limit. The drive
/// starts from whatever the steps' states are (a fresh run, a resumed one, a retried step), and is woken
/// when a decision or a control action makes more work ready.
/// </summary>
internal sealed partial class ExecutionRun
{
    /// <summary>
    /// Set when a taken-over execution starts no new step (<see cref="StartOnlyAtTakeover"/>: a failure had stopped it, or a
    /// step was interrupted): the ids of the steps that may still start, those that were running when its process died.
    /// Cleared when it is reopened.
    /// </summary>
    private HashSet<string>? _startOnly;

    private async Task ScheduleAsync(CancellationToken token)
    {
        var dependents = _steps.ToDictionary(s => s, _ => new List<StepRuntime>());
        foreach (var step in _steps)
        {
            foreach (var need in step.Definition.Needs)
            {
                dependents[_byId[need]].Add(step);
            }
        }

        var running = new Dictionary<Task, StepRuntime>();
        var (remaining, ready) = await ReadyStepsAsync(dependents, running.Values).ConfigureAwait(false);
        // The steps that may still start when not every ready one may: none once a step has failed and the playbook stops;
        // at a takeover, those that were running (StartOnlyAtTakeover). Null: any.
        IReadOnlySet<string>? mayStart;
        lock (_lock)
        {
            mayStart = _startOnly;
        }

        while (true)
        {
            while (!token.IsCancellationRequested && !PauseRequested && running.Count < _playbook.Concurrency && ready.TryDequeue(out var next, out _))
            {
                if (mayStart?.Contains(next.Id) == false)
                {
                    // A step failed and the playbook stops, or (at a takeover) one was interrupted: nothing new starts (a
                    // step that was running when the process died, resumed, still does).
                    continue;
                }

                // A step started with nothing else to start or running beside it runs on this thread up to its first wait (a
                // chain's steps never hop threads); with company, each starts on the pool so that they run side by side.
                var alone = running.Count == 0 && ready.Count == 0;
                running.Add(RunStepAsync(next, alone, token), next);
            }

            if (running.Count == 0)
            {
                break;
            }

            if (!running.Keys.Any(t => t.IsCompleted) && running.Values.Any(s => !IsPure(s)))
            {
                // Before the drive waits for a step that may take long, the pure steps' ends held for the next commit are
                // committed (and shown). Pure steps never wait without writing (a failed attempt, a gate, a skip).
                await _history.FlushAsync().ConfigureAwait(false);
            }

            var wake = TakeWake();
            var done = await Task.WhenAny(running.Keys.Append(wake)).ConfigureAwait(false);
            if (done == wake)
            {
                // A gate was decided (or a pause asked) while other steps run: look again at what is ready.
                (remaining, ready) = await ReadyStepsAsync(dependents, running.Values).ConfigureAwait(false);
                continue;
            }

            var step = running[done];
            running.Remove(done);
            await done.ConfigureAwait(false);
            if (step.FailedHard && _playbook.OnFailure != FailurePolicy.Continue)
            {
                mayStart = new HashSet<string>();
            }

            await ReleaseDependentsAsync(step, dependents, remaining, ready).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// From the steps' states: how many unmet needs each pending step has, and which steps are ready
    /// (pending with every need met, or waiting at a gate that has been decided). Pending steps blocked
    /// by a failure are skipped under <c>on_failure: continue</c>.
    /// </summary>
    private async Task<(Dictionary<StepRuntime, int> Remaining, PriorityQueue<StepRuntime, int> Ready)> ReadyStepsAsync(
        Dictionary<StepRuntime, List<StepRuntime>> dependents, IEnumerable<StepRuntime> running)
    {
        var busy = running.ToHashSet();
        var remaining = new Dictionary<StepRuntime, int>();
        var ready = new PriorityQueue<StepRuntime, int>();
        foreach (var step in _steps)
        {
            if (busy.Contains(step))
            {
                continue;
            }

            if (step.Status == StepStatus.WaitingApproval)
            {
                if (GateDecided(step))
                {
                    ready.Enqueue(step, step.Position);
                }

                continue;
            }

            if (step.Status != StepStatus.Pending || step.Blocked)
            {
                continue;
            }

            remaining[step] = step.Definition.Needs.Count(need => !Satisfies(_byId[need]));
            if (remaining[step] == 0)
            {
                ready.Enqueue(step, step.Position);
            }
        }

        foreach (var step in _steps.Where(s => !busy.Contains(s) && Blocks(s)).ToList())
        {
            await ReleaseDependentsAsync(step, dependents, remaining, ready).ConfigureAwait(false);
        }

        return (remaining, ready);
    }

    private static bool Blocks(StepRuntime step) =>
        step.FailedHard || step.Blocked || step.Status is StepStatus.Cancelled or StepStatus.Interrupted;

    private static bool Satisfies(StepRuntime step) =>
        !Blocks(step) && step.Status is StepStatus.Completed or StepStatus.Skipped or StepStatus.Failed;

    /// <summary>
    /// A finished step satisfies its dependents (completed, skipped, or failed with <c>continue_on_error</c>)
    /// or blocks them (failed, interrupted, or skipped because blocked): a blocked step is skipped at once
    /// under <c>on_failure: continue</c>, and blocks its own dependents in turn. A step waiting at a gate does neither.
    /// </summary>
    private async Task ReleaseDependentsAsync(StepRuntime finished, Dictionary<StepRuntime, List<StepRuntime>> dependents, Dictionary<StepRuntime, int> remaining, PriorityQueue<StepRuntime, int> ready)
    {
        var queue = new Queue<StepRuntime>([finished]);
        while (queue.TryDequeue(out var step))
        {
            var blocks = Blocks(step);
            var satisfies = Satisfies(step);
            foreach (var dependent in dependents[step])
            {
                if (dependent.Status != StepStatus.Pending || dependent.Blocked)
                {
                    continue;
                }

                if (blocks && _playbook.OnFailure == FailurePolicy.Continue && step.Status != StepStatus.Interrupted)
                {
                    await SkipAsync(dependent, $"step '{step.Id}', which it needs, {(step.Blocked ? "was skipped" : "failed")}", blocked: true).ConfigureAwait(false);
                    queue.Enqueue(dependent);
                }
                else if (satisfies && remaining.TryGetValue(dependent, out var count) && count > 0)
                {
                    remaining[dependent] = --count;
                    if (count == 0)
                    {
                        ready.Enqueue(dependent, dependent.Position);
                    }
                }
            }
        }
    }
}
