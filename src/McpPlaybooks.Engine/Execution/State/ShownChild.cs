using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>
/// What a running <c>playbook</c> step shows as its output while it waits: the child execution, <c>{execution_id,
/// status}</c>. The owner's run shows it as the child changes; a process that reads the parent from history shows the
/// child's record. A child shown <c>paused</c> (an interrupted or failed step of its own) waits for a person.
/// </summary>
public static class ShownChild
{
    public static Value Output(string childId, ExecutionStatus status) => Value.From(
    [
        KeyValuePair.Create("execution_id", Value.From(childId)),
        KeyValuePair.Create("status", Value.From(EnumNames.ToName(status))),
    ]);

    /// <summary>The child a running step waits for when its output shows it paused; null otherwise.</summary>
    public static string? PausedOf(StepState step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Status == StepStatus.Running && step.Output.Kind == ValueKind.Object
            && step.Output.AsObject() is var shown
            && shown.TryGetValue("status", out var status) && status.Kind == ValueKind.String && status.AsString() == EnumNames.ToName(ExecutionStatus.Paused)
            && shown.TryGetValue("execution_id", out var child) && child.Kind == ValueKind.String
            ? child.AsString()
            : null;
    }
}
