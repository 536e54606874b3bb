using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>What a caller may do next with an execution, as calls of the MCP tools of design §5.</summary>
internal static class NextActions
{
    public static IReadOnlyList<NextAction> For(string executionId, string playbookId, ExecutionStatus status, bool dryRun, Value inputs, IReadOnlyList<StepState> steps, IReadOnlyList<PendingApproval> pending)
    {
        var id = KeyValuePair.Create("execution_id", Value.From(executionId));
        var actions = new List<NextAction>();
        if (dryRun)
        {
            if (status == ExecutionStatus.Completed)
            {
                actions.Add(Call("execute_playbook", "run it for real, with the same inputs, once the plan looks right",
                    KeyValuePair.Create("playbook_id", Value.From(playbookId)), KeyValuePair.Create("inputs", inputs), KeyValuePair.Create("dry_run", Value.False)));
            }

            return actions;
        }

        switch (status)
        {
            case ExecutionStatus.WaitingApproval:
                foreach (var gate in pending)
                {
                    actions.Add(Call("approve_step", $"approve the gate '{gate.StepId}' (or use decision 'reject'), with a comment saying why",
                        id, KeyValuePair.Create("step_id", Value.From(gate.StepId)), KeyValuePair.Create("decision", Value.From("approve")), KeyValuePair.Create("comment", Value.From(""))));
                }

                actions.Add(Control(id, "cancel", "stop it instead; finally still runs"));
                break;
            case ExecutionStatus.Paused:
                var stuck = steps.Where(s => s.Status is StepStatus.Interrupted or StepStatus.Failed).Take(3).ToList();
                foreach (var step in stuck)
                {
                    actions.Add(Control(id, "retry_step", (step.RunningProcessId is { } pid ? $"the step's process {pid} is still running: wait for it or kill it before retry_step; then " : "")
                        + $"re-run '{step.Id}' ({EnumNames.ToName(step.Status)}) once you have checked what it did", step.Id));
                    actions.Add(Control(id, "skip_step", $"mark '{step.Id}' skipped and go on without it", step.Id));
                }

                if (stuck.Count == 0)
                {
                    actions.Add(Control(id, "resume", "go on: start the steps that are ready"));
                }

                actions.Add(Control(id, "cancel", "stop it; finally still runs"));
                break;
            case ExecutionStatus.Failed or ExecutionStatus.RolledBack:
                foreach (var step in steps.Where(s => s.Status == StepStatus.Failed).Take(3))
                {
                    actions.Add(Call("get_execution_logs", $"read why '{step.Id}' failed ({(step.Error is null ? "unknown" : EnumNames.ToName(step.Error.Category))})",
                        id, KeyValuePair.Create("step_id", Value.From(step.Id))));
                    if (status == ExecutionStatus.Failed)
                    {
                        actions.Add(Control(id, "retry_step", $"re-run '{step.Id}' and go on from there, once its cause is fixed", step.Id));
                    }
                }

                if (status == ExecutionStatus.Failed && steps.Any(s => s.Status == StepStatus.Completed))
                {
                    actions.Add(Control(id, "rollback", "undo the completed steps, newest first"));
                }

                break;
            case ExecutionStatus.Running or ExecutionStatus.Pending or ExecutionStatus.RollingBack:
                // A child shown paused waits for a person: this execution goes on only once someone moves the child on.
                foreach (var (step, child) in steps.Select(s => (s, Child: ShownChild.PausedOf(s))).Where(s => s.Child is not null).Take(3))
                {
                    actions.Add(Call("get_execution", $"step '{step.Id}' waits for child execution {child}, which is paused (by a person, or at a step that was interrupted or failed): "
                        + "look at it, then call control_execution on the child (resume, or retry_step or skip_step its stuck step); this execution goes on once the child does",
                        KeyValuePair.Create("execution_id", Value.From(child!))));
                }

                actions.Add(Call("get_execution", "follow its progress", id));
                if (status != ExecutionStatus.RollingBack)
                {
                    actions.Add(Control(id, "pause", "start no new step; running ones finish"));
                    actions.Add(Control(id, "cancel", "stop running steps now; finally still runs"));
                }

                break;
            default:
                actions.Add(Call("get_execution_logs", "read what it did", id));
                break;
        }

        return actions;
    }

    private static NextAction Control(KeyValuePair<string, Value> id, string action, string why, string? stepId = null) =>
        stepId is null
            ? Call("control_execution", why, id, KeyValuePair.Create("action", Value.From(action)))
            : Call("control_execution", why, id, KeyValuePair.Create("action", Value.From(action)), KeyValuePair.Create("step_id", Value.From(stepId)));

    private static NextAction Call(string tool, string why, params KeyValuePair<string, Value>[] arguments) =>
        new(tool, Value.From(arguments), why);
}
