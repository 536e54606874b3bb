using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using McpPlaybooks.Server.Mcp.Waiting;
using Microsoft.Extensions.Logging;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>
/// <c>approve_step</c>: records a decision on a pending gate. A child execution's gate shown in its parent's state is
/// decided through the parent's id too. With a bearer token the decider is the token's holder (an <c>approver</c> argument
/// naming someone else is refused); without one it is the assistant, unverified, whatever <c>approver</c> claims: a gate
/// counts that only when it lists <c>assistant</c> or the server accepts assistant decisions. A refusal for want of a
/// person says how a person decides, never which name or role would pass.
/// </summary>
internal sealed class ApproveStepTool : PlaybookTool
{
    private readonly PlaybookEngine _engine;
    private readonly ExecutionWaiter _waiter;

    public ApproveStepTool(PlaybookEngine engine, TimeProvider time, ILogger<ApproveStepTool> logger)
        : base(Declare(), logger)
    {
        _engine = engine;
        _waiter = new ExecutionWaiter(engine, time, logger);
    }

    private static ToolDefinition Declare() => new()
    {
        Name = "approve_step",
        Title = "Approve a step",
        Description = "Decides a pending gate, only on the explicit word of the user. Returns the state.",
        Parameters =
        [
            ToolParameter.String("execution_id", "The execution id.", required: true),
            ToolParameter.String("step_id", "The gate step.", required: true),
            ToolParameter.Enum("decision", "The decision.", [GateElicitation.Approve, GateElicitation.Reject], required: true),
            ToolParameter.String("approver", "Recorded only; proves nothing."),
            ToolParameter.String("comment", "Why (audit).", maxLength: ControlExecutionTool.MaxComment),
            ExecutePlaybookTool.WaitParameter,
        ],
        OutputSchema = ExecutionStateSchema.Schema,
        Destructive = true,
        OpenWorld = true,
        RequiredRole = ServerRoles.Approver,
    };

    protected override async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments;
        var executionId = arguments.Required("execution_id");
        var stepId = arguments.Required("step_id");
        var decision = arguments.Required("decision");
        var approve = decision == GateElicitation.Approve;
        var by = Approver(call);
        var approver = by.Identity;
        var wait = TimeSpan.FromSeconds(arguments.Integer("wait_seconds") ?? 0);
        using var watch = await ExecutionWatch.FollowAsync(_engine, executionId, cancellationToken).ConfigureAwait(false)
            ?? throw await ExecutionLookup.UnknownAsync(_engine, executionId, cancellationToken).ConfigureAwait(false);
        var before = watch.Initial!;

        // A child's gate shown in the parent carries the child's id: decide it there.
        var gate = before.PendingApprovals.FirstOrDefault(g => g.StepId == stepId);
        ExecutionState state;
        string? queued = null;
        try
        {
            state = await _engine.DecideAsync(new ApprovalRequest
            {
                ExecutionId = gate?.ExecutionId ?? executionId,
                StepId = stepId,
                Approve = approve,
                By = by,
                Comment = arguments.String("comment"),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionRefusedException refusal) when (refusal.Kind is RefusalKind.ApproverUnverified or RefusalKind.ApproverNotAllowed && !by.Verified)
        {
            throw new ToolErrorException(Refusal(refusal) + " " + HowAPersonDecides(gate, gate?.ExecutionId ?? executionId, stepId, call));
        }
        catch (ExecutionRefusedException refusal) when (QueuedForOwner.Is(refusal))
        {
            (state, queued) = await QueuedForOwner.AnswerAsync(_engine, executionId, $"{approver}'s decision '{decision}' on '{stepId}'", refusal, cancellationToken).ConfigureAwait(false);
        }
        if (gate?.ExecutionId is not null && wait <= TimeSpan.Zero)
        {
            state = await ExecutionLookup.StateAsync(_engine, executionId, cancellationToken).ConfigureAwait(false);
        }

        var outcome = queued is not null ? new WaitOutcome(state, queued)
            : wait > TimeSpan.Zero
            ? await _waiter.WaitAsync(call, watch, wait, (gate?.ExecutionId ?? executionId, stepId), cancellationToken).ConfigureAwait(false)
            : new WaitOutcome(state, $"{approver}'s decision '{decision}' on '{stepId}' is recorded; the execution goes on by itself: follow it with get_execution, or pass wait_seconds to wait for it.");
        return ExecutionStateView.Result(outcome.State, outcome.Note, (approve ? "approved" : "rejected") + $" '{stepId}' as {approver}: " + ExecutionStateView.Summarize(outcome.State), call);
    }

    /// <summary>What a person does instead: answer the chat question if one was asked, or approve at a terminal.</summary>
    private static string HowAPersonDecides(PendingApproval? gate, string executionId, string stepId, ToolCall call)
    {
        var chat = gate is not null && ChatQuestion.Counts(call, gate) ? "answer the question in the chat (it is asked while a call waits with wait_seconds), or " : "";
        return $"A person decides it: {chat}run 'mcp-playbooks approve {executionId} {stepId}' (or --reject) in a terminal on the server's machine{Approvals.Links.ApprovalPageHint.For(call)}.";
    }

    /// <summary>Who decides: with a token its holder (the argument may only repeat it), else the assistant with what it claims.</summary>
    private static ApproverIdentity Approver(ToolCall call)
    {
        var named = call.Arguments.String("approver");
        if (call.Caller is not { } caller)
        {
            return Approvers.Tool(null, call.ClientName, named, call.Roles);
        }

        if (named is not null && !string.Equals(named, caller.Identity, StringComparison.Ordinal))
        {
            throw new ToolErrorException($"the approver comes from your token: you are {caller.Identity}, so approve_step cannot decide as '{named}'. "
                + "Call approve_step again without approver; someone else approves with their own token.");
        }

        return Approvers.Tool(caller, call.ClientName, named, call.Roles);
    }
}
