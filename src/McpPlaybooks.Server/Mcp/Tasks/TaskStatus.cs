using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>A task's status on the wire (<c>working</c>, <c>input_required</c>, ...) and the sentence that goes with it.</summary>
internal readonly record struct TaskStatus(string Status, string Message)
{
    public const string Working = "working";
    public const string InputRequired = "input_required";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Whether the status is final: the task's result is ready and nothing changes any more.</summary>
    public bool IsTerminal => Status is Completed or Failed or Cancelled;

    /// <summary>
    /// The status of a task that follows <paramref name="state"/>: a gate (its own or a child's) is input_required, a
    /// rolled back execution failed, a paused one is still working (it waits for a person, who resumes it).
    /// </summary>
    public static TaskStatus Of(ExecutionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var name = EnumNames.ToName(state.Status);
        if (state.Status.IsFinal())
        {
            var status = state.Status switch
            {
                ExecutionStatus.Completed => Completed,
                ExecutionStatus.Cancelled => Cancelled,
                _ => Failed,
            };
            var error = state.Error is { } e ? $": {e.Message}" : "";
            return new TaskStatus(status, $"execution {state.ExecutionId} is {name}{error}. tasks/result returns its state.");
        }

        if (state.PendingApprovals.Count > 0)
        {
            var gates = string.Join(", ", state.PendingApprovals.Select(g => $"'{g.StepId}'"));
            return new TaskStatus(InputRequired, $"execution {state.ExecutionId} waits for approval at {gates}: ask the user, then call approve_step "
                + $"with execution_id={state.ExecutionId} and the step_id.");
        }

        return state.Status == ExecutionStatus.Paused
            ? new TaskStatus(Working, $"execution {state.ExecutionId} is paused: control_execution action resume goes on.")
            : new TaskStatus(Working, $"execution {state.ExecutionId} is {name}.");
    }
}
