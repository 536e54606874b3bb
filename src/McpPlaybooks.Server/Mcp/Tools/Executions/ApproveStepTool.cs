using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using McpPlaybooks.Server.Mcp.Waiting;
using Microsoft.Extensions.Logging;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Executions;

/// <summary>
/// <c>approve_step</c>: records a decision on a pending gate. A child execution's gate shown in its parent's state is
/// decided through the parent's id too. The approver is the <c>approver</c> argument, else the client's identity; with
/// a token, always the token's identity (an <c>approver</c> argument naming someone else is refused).
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
            ToolParameter.String("approver", "Default: this client."),
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
        var approver = Approver(call);
        var wait = TimeSpan.FromSeconds(arguments.Integer("wait_seconds") ?? 0);
        using var watch = await ExecutionWatch.FollowAsync(_engine, executionId, cancellationToken).ConfigureAwait(false)
            ?? throw await ExecutionLookup.UnknownAsync(_engine, executionId, cancellationToken).ConfigureAwait(false);
        var before = watch.Initial!;

        // A child's gate shown in the parent carries the child's id: decide it there.
        var gate = before.PendingApprovals.FirstOrDefault(g => g.StepId == stepId);
        var state = await _engine.DecideAsync(new ApprovalRequest
        {
            ExecutionId = gate?.ExecutionId ?? executionId,
            StepId = stepId,
            Approve = approve,
            Approver = approver,
            Roles = call.Roles,
            Comment = arguments.String("comment"),
        }, cancellationToken).ConfigureAwait(false);
        if (gate?.ExecutionId is not null && wait <= TimeSpan.Zero)
        {
            state = await ExecutionLookup.StateAsync(_engine, executionId, cancellationToken).ConfigureAwait(false);
        }

        var outcome = wait > TimeSpan.Zero
            ? await _waiter.WaitAsync(call, watch, wait, (gate?.ExecutionId ?? executionId, stepId), cancellationToken).ConfigureAwait(false)
            : new WaitOutcome(state, $"{approver}'s decision '{decision}' on '{stepId}' is recorded; the execution goes on by itself: follow it with get_execution, or pass wait_seconds to wait for it.");
        return ExecutionStateView.Result(outcome.State, outcome.Note, (approve ? "approved" : "rejected") + $" '{stepId}' as {approver}: " + ExecutionStateView.Summarize(outcome.State));
    }

    /// <summary>Who decides: with a token its identity (the argument may only repeat it), else the argument or the client.</summary>
    private static string Approver(ToolCall call)
    {
        var named = call.Arguments.String("approver");
        if (call.Caller is not { } caller)
        {
            return named ?? call.Identity;
        }

        if (named is not null && !string.Equals(named, caller.Identity, StringComparison.Ordinal))
        {
            throw new ToolErrorException($"the approver comes from your token: you are {caller.Identity}, so approve_step cannot decide as '{named}'. "
                + "Call approve_step again without approver; someone else approves with their own token.");
        }

        return caller.Identity;
    }
}
