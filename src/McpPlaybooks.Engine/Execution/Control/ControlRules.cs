using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>
/// Which <c>control_execution</c> actions each execution state allows (design §3, Control), and the
/// messages that refuse the others. The table:
/// <list type="table">
/// <listheader><term>state</term><description>allowed actions</description></listheader>
/// <item><term><c>pending</c></term><description><c>cancel</c>, <c>signal</c></description></item>
/// <item><term><c>running</c></term><description><c>pause</c>, <c>cancel</c>, <c>signal</c></description></item>
/// <item><term><c>paused</c></term><description><c>resume</c> (only when no step is interrupted or failed), <c>cancel</c>, <c>signal</c>,
/// and <c>retry_step</c>, <c>skip_step</c> (only when a step is interrupted or failed)</description></item>
/// <item><term><c>waiting_approval</c></term><description><c>pause</c>, <c>cancel</c>, <c>signal</c></description></item>
/// <item><term><c>rolling_back</c></term><description><c>cancel</c></description></item>
/// <item><term><c>failed</c></term><description><c>retry_step</c>, <c>skip_step</c>, <c>rollback</c></description></item>
/// <item><term><c>completed</c></term><description><c>rollback</c></description></item>
/// <item><term><c>cancelled</c></term><description><c>rollback</c></description></item>
/// <item><term><c>rolled_back</c></term><description>none: it is final</description></item>
/// </list>
/// <c>retry_step</c> and <c>skip_step</c> also need the named step to be failed, interrupted or cancelled (<see cref="RefuseStep"/>).
/// </summary>
public static class ControlRules
{
    private static readonly ControlAction[] None = [];
    private static readonly ControlAction[] Pending = [ControlAction.Cancel, ControlAction.Signal];
    private static readonly ControlAction[] Running = [ControlAction.Pause, ControlAction.Cancel, ControlAction.Signal];
    private static readonly ControlAction[] Paused = [ControlAction.Resume, ControlAction.Cancel, ControlAction.Signal];
    private static readonly ControlAction[] PausedAtStep = [ControlAction.Cancel, ControlAction.Signal, ControlAction.RetryStep, ControlAction.SkipStep];
    private static readonly ControlAction[] WaitingApproval = [ControlAction.Pause, ControlAction.Cancel, ControlAction.Signal];
    private static readonly ControlAction[] RollingBack = [ControlAction.Cancel];
    private static readonly ControlAction[] Failed = [ControlAction.RetryStep, ControlAction.SkipStep, ControlAction.Rollback];
    private static readonly ControlAction[] Ended = [ControlAction.Rollback];

    /// <summary>The step statuses that <c>retry_step</c> and <c>skip_step</c> accept.</summary>
    public static IReadOnlyList<StepStatus> RetryableStepStatuses { get; } = [StepStatus.Failed, StepStatus.Interrupted, StepStatus.Cancelled];

    /// <summary>The actions allowed in <paramref name="status"/>, in the order a person would consider them.</summary>
    /// <param name="status">The execution's state.</param>
    /// <param name="hasInterruptedOrFailedStep">Whether a step of it is <c>interrupted</c> or <c>failed</c> (matters only when paused).</param>
    public static IReadOnlyList<ControlAction> AllowedIn(ExecutionStatus status, bool hasInterruptedOrFailedStep) => status switch
    {
        ExecutionStatus.Pending => Pending,
        ExecutionStatus.Running => Running,
        ExecutionStatus.Paused => hasInterruptedOrFailedStep ? PausedAtStep : Paused,
        ExecutionStatus.WaitingApproval => WaitingApproval,
        ExecutionStatus.RollingBack => RollingBack,
        ExecutionStatus.Failed => Failed,
        ExecutionStatus.Completed or ExecutionStatus.Cancelled => Ended,
        ExecutionStatus.RolledBack => None,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown execution status"),
    };

    /// <summary>Null when <paramref name="action"/> is allowed in <paramref name="status"/>; else why not, the state, and what is allowed instead.</summary>
    public static string? Refuse(ControlAction action, ExecutionStatus status, string executionId, bool hasInterruptedOrFailedStep)
    {
        var allowed = AllowedIn(status, hasInterruptedOrFailedStep);
        if (allowed.Contains(action))
        {
            return null;
        }

        var head = $"cannot {EnumNames.ToName(action)} execution {executionId}: it is {EnumNames.ToName(status)}";
        if (allowed.Count == 0)
        {
            return $"{head}, which is final: no action is allowed; start a new execution with execute_playbook.";
        }

        if (action == ControlAction.Resume && status == ExecutionStatus.Paused)
        {
            return $"{head} and a step is interrupted or failed; choose retry_step or skip_step for it first "
                + "(control_execution action retry_step or skip_step with its step_id); either one lets the execution go on.";
        }

        return $"{head}. In that state the allowed actions are: {Names(allowed)}.";
    }

    /// <summary>
    /// Null when <c>retry_step</c> or <c>skip_step</c> may act on a step in <paramref name="stepStatus"/> (failed, interrupted or
    /// cancelled); else why not. Whether the execution's state allows the action is <see cref="Refuse"/>'s question.
    /// </summary>
    public static string? RefuseStep(ControlAction action, string executionId, string stepId, StepStatus stepStatus)
    {
        if (action is not (ControlAction.RetryStep or ControlAction.SkipStep))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "only retry_step and skip_step act on a step");
        }

        if (RetryableStepStatuses.Contains(stepStatus))
        {
            return null;
        }

        var why = stepStatus switch
        {
            StepStatus.Pending => "it has not run yet; it starts by itself once the steps it needs are done",
            StepStatus.Running => "it is running now; wait for it to end, or use control_execution action pause or cancel",
            StepStatus.WaitingApproval => "it waits at its approval gate; decide it with approve_step",
            StepStatus.Completed => "it already succeeded; its output is kept",
            StepStatus.Skipped => "it is already skipped",
            StepStatus.RolledBack => "it was rolled back with the rest of the execution",
            StepStatus.NotRun => "it never ran; retry or skip the failed step before it, and it runs after that",
            _ => "that state has no retry",
        };
        return $"cannot {EnumNames.ToName(action)} step '{stepId}' of execution {executionId}: the step is {EnumNames.ToName(stepStatus)}; {why}. "
            + "Only a failed, interrupted or cancelled step can be retried or skipped.";
    }

    private static string Names(IEnumerable<ControlAction> actions) => string.Join(", ", actions.Select(EnumNames.ToName));
}
