using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Approvals;

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
    /// rolled back execution failed, a paused one is still working (it waits for a person, who resumes it or, at an
    /// interrupted or failed step, retries or skips it), and so is one cancelling (<paramref name="cancellingBy"/> asked;
    /// its finally steps run before it is cancelled). The message proposes only calls <paramref name="viewer"/> may make.
    /// </summary>
    public static TaskStatus Of(ExecutionState state, TaskCaller viewer, string? cancellingBy = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(viewer);
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

        if (cancellingBy is not null)
        {
            return new TaskStatus(Working, $"execution {state.ExecutionId} is cancelling: {cancellingBy} asked for the cancel; its finally steps run, "
                + "then the task turns cancelled.");
        }

        if (state.PendingApprovals.Count > 0)
        {
            var answers = (Func<PendingApproval, bool>)(g => viewer.AnswersInputRequests && viewer.MayAnswer(g));
            var gates = string.Join(", ", state.PendingApprovals.Select(g => $"'{g.StepId}'"));
            return new TaskStatus(InputRequired, $"execution {state.ExecutionId} waits for approval at {gates}: "
                + GateAdvice.ForTask(state, viewer.ToolApprover, viewer.AcceptAssistant, answers, viewer.PageHint) + ".");
        }

        if (state.Status != ExecutionStatus.Paused)
        {
            return new TaskStatus(Working, $"execution {state.ExecutionId} is {name}.");
        }

        // resume is refused while a step is interrupted (its effect unknown) or failed: a person chooses for that step first.
        return state.Steps.FirstOrDefault(s => s.Status is StepStatus.Interrupted or StepStatus.Failed) is { } stuck
            ? new TaskStatus(Working, $"execution {state.ExecutionId} is paused at step '{stuck.Id}', which is {EnumNames.ToName(stuck.Status)}: once the user "
                + $"has checked what it did, control_execution action retry_step (run it again) or skip_step (go on without it) with step_id={stuck.Id} goes on; resume is refused until then.")
            : new TaskStatus(Working, $"execution {state.ExecutionId} is paused: control_execution action resume goes on.");
    }
}
