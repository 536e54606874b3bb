using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>The DAG: steps start as soon as what they need has finished, up to the concurrency limit.</summary>
internal sealed partial class ExecutionRun
{
    private async Task ScheduleAsync(CancellationToken token)
    {
        var dependents = _steps.ToDictionary(s => s, _ => new List<StepRuntime>());
        var remaining = new Dictionary<StepRuntime, int>();
        foreach (var step in _steps)
        {
            remaining[step] = step.Definition.Needs.Count;
            foreach (var need in step.Definition.Needs)
            {
                dependents[_byId[need]].Add(step);
            }
        }

        var ready = new PriorityQueue<StepRuntime, int>();
        foreach (var step in _steps.Where(s => remaining[s] == 0))
        {
            ready.Enqueue(step, step.Position);
        }

        var running = new Dictionary<Task, StepRuntime>();
        var stopping = false;
        while (true)
        {
            while (!stopping && !token.IsCancellationRequested && running.Count < _playbook.Concurrency && ready.TryDequeue(out var next, out _))
            {
                running.Add(RunStepAsync(next, token), next);
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var step = running[done];
            running.Remove(done);
            await done.ConfigureAwait(false);
            if (step.FailedHard && _playbook.OnFailure != FailurePolicy.Continue)
            {
                stopping = true;
            }

            await ReleaseDependentsAsync(step, dependents, remaining, ready).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A finished step satisfies its dependents (completed, skipped, or failed with <c>continue_on_error</c>)
    /// or blocks them (failed, or skipped because blocked): a blocked step is skipped at once, and blocks
    /// its own dependents in turn. A step waiting at a gate does neither.
    /// </summary>
    private async Task ReleaseDependentsAsync(StepRuntime finished, Dictionary<StepRuntime, List<StepRuntime>> dependents, Dictionary<StepRuntime, int> remaining, PriorityQueue<StepRuntime, int> ready)
    {
        var queue = new Queue<StepRuntime>([finished]);
        while (queue.TryDequeue(out var step))
        {
            var blocks = step.FailedHard || step.Blocked || step.Status is StepStatus.Cancelled or StepStatus.Interrupted;
            var satisfies = !blocks && step.Status is StepStatus.Completed or StepStatus.Skipped or StepStatus.Failed;
            foreach (var dependent in dependents[step])
            {
                if (dependent.Status != StepStatus.Pending || dependent.Blocked)
                {
                    continue;
                }

                if (blocks && _playbook.OnFailure == FailurePolicy.Continue)
                {
                    await SkipAsync(dependent, $"step '{step.Id}', which it needs, {(step.Blocked ? "was skipped" : "failed")}", blocked: true).ConfigureAwait(false);
                    queue.Enqueue(dependent);
                }
                else if (satisfies && --remaining[dependent] == 0)
                {
                    ready.Enqueue(dependent, dependent.Position);
                }
            }
        }
    }
}
