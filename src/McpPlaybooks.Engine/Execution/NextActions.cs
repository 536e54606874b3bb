using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>What a caller may do next with an execution, as calls of the MCP tools of design §5.</summary>
internal static class NextActions
{
    public static IReadOnlyList<NextAction> For(string executionId, PlaybookDefinition playbook, ExecutionStatus status, bool dryRun, Value inputs, IReadOnlyList<StepState> steps)
    {
        var id = KeyValuePair.Create("execution_id", Value.From(executionId));
        var actions = new List<NextAction>();
        if (dryRun && status == ExecutionStatus.Completed)
        {
            actions.Add(Call("execute_playbook", "run it for real, with the same inputs, once the plan looks right",
                KeyValuePair.Create("playbook_id", Value.From(playbook.Id)), KeyValuePair.Create("inputs", inputs), KeyValuePair.Create("dry_run", Value.False)));
            return actions;
        }

        switch (status)
        {
            case ExecutionStatus.WaitingApproval:
                foreach (var step in steps.Where(s => s.Status == StepStatus.WaitingApproval))
                {
                    actions.Add(Call("approve_step", $"approve the gate before '{step.Id}' (or use decision 'reject'), with a comment saying why",
                        id, KeyValuePair.Create("step_id", Value.From(step.Id)), KeyValuePair.Create("decision", Value.From("approve")), KeyValuePair.Create("comment", Value.From(""))));
                }

                break;
            case ExecutionStatus.Failed or ExecutionStatus.RolledBack:
                foreach (var step in steps.Where(s => s.Status == StepStatus.Failed).Take(3))
                {
                    actions.Add(Call("get_execution_logs", $"read why '{step.Id}' failed ({(step.Error is null ? "unknown" : EnumNames.ToName(step.Error.Category))})",
                        id, KeyValuePair.Create("step_id", Value.From(step.Id))));
                    if (status == ExecutionStatus.Failed)
                    {
                        actions.Add(Call("control_execution", $"re-run '{step.Id}' and go on from there, once its cause is fixed",
                            id, KeyValuePair.Create("action", Value.From("retry_step")), KeyValuePair.Create("step_id", Value.From(step.Id))));
                    }
                }

                if (status == ExecutionStatus.Failed && steps.Any(s => s.Status == StepStatus.Completed))
                {
                    actions.Add(Call("control_execution", "undo the completed steps, newest first", id, KeyValuePair.Create("action", Value.From("rollback"))));
                }

                break;
            case ExecutionStatus.Running or ExecutionStatus.Pending or ExecutionStatus.Paused or ExecutionStatus.RollingBack:
                actions.Add(Call("get_execution", "follow its progress", id));
                break;
            default:
                actions.Add(Call("get_execution_logs", "read what it did", id));
                break;
        }

        return actions;
    }

    private static NextAction Call(string tool, string why, params KeyValuePair<string, Value>[] arguments) =>
        new(tool, Value.From(arguments), why);
}
