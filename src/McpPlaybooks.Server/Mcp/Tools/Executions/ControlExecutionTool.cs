using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using McpPlaybooks.Server.Mcp.Waiting;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>
/// <c>control_execution</c>: pause, resume, cancel, rollback, retry or skip a step, send a signal, or replay (a new
/// execution of the same version with the same inputs). Refusals name the state and the actions it allows.
/// </summary>
internal sealed class ControlExecutionTool : PlaybookTool
{
    /// <summary>The longest audit comment accepted; results repeat its first 100 characters.</summary>
    public const int MaxComment = 1000;

    private const string Replay = "replay";

    private readonly PlaybookEngine _engine;
    private readonly ExecutionWaiter _waiter;

    public ControlExecutionTool(PlaybookEngine engine, TimeProvider time, ILogger<ControlExecutionTool> logger)
        : base(Declare(), logger)
    {
        _engine = engine;
        _waiter = new ExecutionWaiter(engine, time, logger);
    }

    private static ToolDefinition Declare() => new()
    {
        Name = "control_execution",
        Title = "Control an execution",
        Description = "Pause, resume, cancel or roll back an execution; retry/skip_step (step_id); signal (signal_type); replay reruns (given or same inputs)",
        Parameters =
        [
            ToolParameter.String("execution_id", "The execution id.", required: true),
            ToolParameter.Enum("action", "The action.", [.. Enum.GetValues<ControlAction>().Select(EnumNames.ToName), Replay], required: true),
            ToolParameter.String("step_id", "For retry_step, skip_step."),
            ToolParameter.String("signal_type", "For signal."),
            ToolParameter.String("correlation", "For signal.", maxLength: 200),
            ToolParameter.Object("payload", "For signal."),
            ToolParameter.String("comment", "Why (audit).", maxLength: MaxComment),
            ToolParameter.Object("inputs", "For replay."),
            ExecutePlaybookTool.WaitParameter,
        ],
        OutputSchema = ExecutionStateSchema.Schema,
        Destructive = true,
        OpenWorld = true,
    };

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments;
        var executionId = arguments.Required("execution_id");
        var actionName = arguments.Required("action");
        var wait = TimeSpan.FromSeconds(arguments.Integer("wait_seconds") ?? 0);
        if (actionName == Replay)
        {
            return await ReplayAsync(call, executionId, wait, cancellationToken).ConfigureAwait(false);
        }

        var action = EnumNames.TryParse<ControlAction>(actionName, out var parsed) ? parsed : throw new ToolErrorException($"unknown action '{actionName}'.");
        var stepId = arguments.String("step_id");
        if (action is ControlAction.RetryStep or ControlAction.SkipStep && stepId is null)
        {
            throw new ToolErrorException($"action {actionName} needs step_id: the failed, interrupted or cancelled step to act on (get_execution shows the steps). Call control_execution again with step_id.");
        }

        var signalType = arguments.String("signal_type");
        if (action == ControlAction.Signal && signalType is null)
        {
            throw new ToolErrorException("action signal needs signal_type: the event type an event step waits for. Call control_execution again with signal_type (and correlation, payload if the step needs them).");
        }

        using var watch = await ExecutionWatch.FollowAsync(_engine, executionId, cancellationToken).ConfigureAwait(false)
            ?? throw await ExecutionLookup.UnknownAsync(_engine, executionId, cancellationToken).ConfigureAwait(false);
        ExecutionState state;
        string? queued = null;
        try
        {
            state = await _engine.ControlAsync(new ControlRequest
            {
                ExecutionId = executionId,
                Action = action,
                StepId = stepId,
                SignalType = signalType,
                Correlation = arguments.String("correlation"),
                Payload = arguments.Json("payload") is { } payload ? Value.FromJson(payload) : Value.Null,
                RequestedBy = call.Identity,
                Comment = arguments.String("comment"),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionRefusedException refusal) when (QueuedForOwner.Is(refusal))
        {
            (state, queued) = await QueuedForOwner.AnswerAsync(_engine, executionId, $"{actionName} by {call.Identity}", refusal, cancellationToken).ConfigureAwait(false);
        }

        var outcome = wait > TimeSpan.Zero && queued is null
            ? await _waiter.WaitAsync(call, watch, wait, cancellationToken).ConfigureAwait(false)
            : new WaitOutcome(state, queued);
        var note = queued is not null ? queued
            : action == ControlAction.Pause ? PauseNote(outcome.State.Status)
            : action == ControlAction.Cancel && !outcome.State.Status.IsFinal() ? outcome.Note ?? CancellingNote
            : outcome.Note;
        return ExecutionStateView.Result(outcome.State, note, $"{actionName}: " + ExecutionStateView.Summarize(outcome.State), call);
    }

    /// <summary>A cancel answered before the execution stopped (applied by the process that runs it, its finally steps still running).</summary>
    private const string CancellingNote = "cancel recorded: the running steps stop and the finally steps run, then the execution is cancelled (get_execution shows it).";

    /// <summary>What a pause did: it is paused now, or it will be once the running steps finish.</summary>
    private static string PauseNote(ExecutionStatus status) => status == ExecutionStatus.Paused
        ? "paused: no new step starts and nothing runs; control_execution action resume goes on, cancel stops it (finally still runs)."
        : "pause requested: no new step starts; the running ones finish, then the execution is paused (get_execution shows it).";

    private async Task<ToolResult> ReplayAsync(ToolCall call, string executionId, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (await _engine.History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw await ExecutionLookup.UnknownAsync(_engine, executionId, cancellationToken).ConfigureAwait(false);
        }

        var inputs = call.Arguments.Json("inputs") is { } given
            ? given.EnumerateObject().ToDictionary(p => p.Name, p => Value.FromJson(p.Value), StringComparer.Ordinal)
            : null;
        var start = await _engine.ReplayAsync(executionId, inputs, call.Identity, cancellationToken).ConfigureAwait(false);
        var same = inputs is null ? "same playbook version and inputs" : "same playbook version, with the inputs given";
        var note = start.Existing
            ? $"replay of {executionId}: {start.Note}"
            : $"replay of {executionId}: this is the new execution {start.ExecutionId} ({same}); {executionId} is unchanged.";
        WaitOutcome outcome;
        if (wait > TimeSpan.Zero)
        {
            using var watch = await ExecutionWatch.FollowAsync(_engine, start.ExecutionId, cancellationToken).ConfigureAwait(false)
                ?? throw await ExecutionLookup.UnknownAsync(_engine, start.ExecutionId, cancellationToken).ConfigureAwait(false);
            outcome = await _waiter.WaitAsync(call, watch, wait, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            outcome = new WaitOutcome(await ExecutionLookup.StateAsync(_engine, start.ExecutionId, cancellationToken).ConfigureAwait(false), null);
        }

        var notes = outcome.Note is null ? note : $"{note} {outcome.Note}";
        return ExecutionStateView.Result(outcome.State, notes, "replay: " + ExecutionStateView.Summarize(outcome.State), call);
    }
}
