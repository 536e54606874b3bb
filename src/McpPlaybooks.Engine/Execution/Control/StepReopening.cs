using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>
/// <c>retry_step</c> and <c>skip_step</c> on the steps of one execution: which step a request names (refused, with the
/// candidates, when it names none that can be retried or skipped), and the steps' side of reopening the execution at it.
/// </summary>
internal static class StepReopening
{
    /// <summary>The step <paramref name="request"/> retries or skips; refused when it names none, an unknown one, or one in the wrong state.</summary>
    public static StepRuntime StepFor(ControlRequest request, string executionId, IReadOnlyDictionary<string, StepRuntime> byId, IReadOnlyList<StepRuntime> steps)
    {
        var action = EnumNames.ToName(request.Action);
        if (string.IsNullOrWhiteSpace(request.StepId))
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidRequest, $"{action} needs step_id: the failed or interrupted step to {(request.Action == ControlAction.RetryStep ? "re-run" : "skip")}; candidates: {Candidates(steps)}.");
        }

        if (!byId.TryGetValue(request.StepId, out var step))
        {
            throw new ExecutionRefusedException(RefusalKind.UnknownStep, $"execution {executionId} has no step '{request.StepId}'; candidates for {action}: {Candidates(steps)}.");
        }

        if (ControlRules.RefuseStep(request.Action, executionId, step.Id, step.Status) is { } refusal)
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidTransition, $"{refusal} Candidates for {action}: {Candidates(steps)}.");
        }

        return step;
    }

    /// <summary>
    /// The steps' side of re-opening an ended or paused execution at <paramref name="step"/>: retried (pending again, its
    /// rejected gate asked again) or skipped; the steps the end left unstarted, and those skipped or cancelled because they
    /// needed it, become pending again, each with its whole retry budget. Returns the steps it changed. Called under the
    /// run's lock.
    /// </summary>
    public static List<StepRuntime> Reopen(IReadOnlyList<StepRuntime> steps, StepRuntime step, bool retry, DateTimeOffset now)
    {
        if (retry)
        {
            step.Status = StepStatus.Pending;
            step.Error = null;
            step.Output = Value.Null;
            step.EndedAt = null;
            if (step.Gate is { } gate && ApprovalRules.Outcome(gate) != ApprovalOutcome.Approved)
            {
                step.Gate = null;
            }
        }
        else
        {
            step.Status = StepStatus.Skipped;
            step.Output = Value.Null;
            step.EndedAt = now;
        }

        step.Blocked = false;
        var reset = new List<StepRuntime> { step };
        foreach (var never in steps.Where(s => s.Status == StepStatus.NotRun))
        {
            // The steps the end left unstarted are pending again: the run goes on to them.
            never.Status = StepStatus.Pending;
            reset.Add(never);
        }

        var queue = new Queue<StepRuntime>([step]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var dependent in steps.Where(s => s.Definition.Needs.Contains(current.Id) && (s.Blocked || s.Status == StepStatus.Cancelled)))
            {
                dependent.Status = StepStatus.Pending;
                dependent.Blocked = false;
                dependent.EndedAt = null;
                dependent.Error = null;
                reset.Add(dependent);
                queue.Enqueue(dependent);
            }
        }

        foreach (var again in reset)
        {
            // A new run of the step, with its whole retry budget.
            again.FailedBeforeTakeover.Clear();
            again.SpentBeforeTakeover = null;
        }

        return reset;
    }

    private static string Candidates(IReadOnlyList<StepRuntime> steps)
    {
        var ids = steps.Where(s => s.Status is StepStatus.Failed or StepStatus.Interrupted or StepStatus.Cancelled).Select(s => $"{s.Id} ({EnumNames.ToName(s.Status)})").ToList();
        return ids.Count == 0 ? "none" : string.Join(", ", ids);
    }
}
