using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The dry run: the whole playbook walked in DAG order and each step planned (<see cref="Planning.StepPlanner"/>: conditions
/// evaluated, templates rendered, gates and loop counts reported, every action described and none performed; a child
/// playbook whose inputs are known dry-run in turn, linked to this one), then every <c>finally</c> call; the plans kept in
/// history. It ends failed, its error naming what a real run's steps would fail on, or completed (a <c>finally</c> call that
/// would fail is reported, as a real run reports it, and changes nothing).
/// </summary>
internal sealed partial class ExecutionRun
{
    /// <summary>Plans a dry run that <see cref="BeginAsync"/> began, and ends it.</summary>
    public async Task PlanDryRunAsync()
    {
        await PlanAsync().ConfigureAwait(false);
        var verdict = DryRunVerdict();
        await EndAsync(verdict is null ? ExecutionStatus.Completed : ExecutionStatus.Failed, verdict, runFinally: false).ConfigureAwait(false);
    }

    private async Task PlanAsync()
    {
        foreach (var step in InDagOrder())
        {
            var plan = await WithChildDryRunsAsync(_planner.PlanStep(step), step.Definition.When).ConfigureAwait(false);

            // While planning, a step that would run counts as completed for the conditions below it.
            Mutate(() =>
            {
                step.Plan = plan;
                step.Status = plan.WouldRun ? StepStatus.Completed : StepStatus.Skipped;
            });
        }

        Mutate(() =>
        {
            foreach (var step in _steps.Where(s => s.Status == StepStatus.Completed))
            {
                step.Status = StepStatus.Pending;
            }
        });
        foreach (var step in _steps)
        {
            await _history.SaveStepAsync(Snapshot(step), step.Position).ConfigureAwait(false);
        }

        await PlanFinallyAsync().ConfigureAwait(false);
    }

    private List<StepRuntime> InDagOrder()
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<StepRuntime>();
        while (order.Count < _steps.Count)
        {
            var next = _steps.First(s => !placed.Contains(s.Id) && s.Definition.Needs.All(placed.Contains));
            placed.Add(next.Id);
            order.Add(next);
        }

        return order;
    }

    /// <summary>
    /// Plans every <c>finally</c> call as a step is planned. Nothing runs; each plan is kept in history as the call's
    /// attempt 0 with status <c>not_run</c> (finally calls have no step row), so the dry run read back shows them too.
    /// </summary>
    private async Task PlanFinallyAsync()
    {
        var results = new List<FinallyResult>();
        for (var i = 0; i < _playbook.Finally.Count; i++)
        {
            var call = _playbook.Finally[i];
            var plan = await WithChildDryRunsAsync(_planner.PlanCall(call), call.When).ConfigureAwait(false);
            var result = new FinallyResult { Id = FinallyId(call, i), Action = call.Action, Status = StepStatus.NotRun, Plan = plan };
            results.Add(result);
            await _history.SaveAttemptAsync(FinallyMark(result.Id, call.Action, StepStatus.NotRun) with { OutputJson = StepPlanJson.ToJson(result.Plan) }).ConfigureAwait(false);
        }

        lock (_lock)
        {
            _finallyResults = results;
        }
    }

    /// <summary>
    /// The plan with what the dry runs of the child playbooks it would start found (each dry-run by the host, linked to this
    /// one; a loop's first few distinct inputs only, <see cref="Planning.ChildPlans.DryRunAtMost"/>).
    /// </summary>
    private async Task<StepPlan> WithChildDryRunsAsync(StepPlan plan, Definitions.BareExpression? when)
    {
        var (children, left) = _planner.TakeChildren();
        if (children.Count == 0 || _host is null)
        {
            return plan;
        }

        var dryRuns = new List<Planning.ChildDryRun>();
        foreach (var child in children)
        {
            dryRuns.Add(await _host.DryRunChildAsync(this, child).ConfigureAwait(false));
        }

        return _planner.WithChildDryRuns(plan, when, dryRuns, left);
    }

    /// <summary>The dry run's error: null when no step would fail (a <c>finally</c> call that would fail is only reported).</summary>
    private StepError? DryRunVerdict() => _planner.Verdict(DryRunFindings.OfSteps(BuildState().Steps));
}
