using McpPlaybooks.Engine.Execution.Hosting;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>
/// The waiting gates of an execution as a person reviews them before deciding (<see cref="GateReview"/>), read from the
/// history and, for what a step will do, from the run when this process holds it. The approval links' page and the
/// dashboard's gate panel both show these.
/// </summary>
public sealed class GateReviews
{
    private readonly ExecutionHost _host;

    internal GateReviews(ExecutionHost host)
    {
        _host = host;
    }

    /// <summary>
    /// The gates of <paramref name="executionId"/> that wait for decisions now, in the order they opened; each with the
    /// refusal <paramref name="decider"/>'s decision would meet (none when null). Empty for an unknown execution.
    /// </summary>
    public async Task<IReadOnlyList<GateReview>> WaitingAsync(string executionId, ApproverIdentity? decider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionId);
        if (await _host.History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) is not { } execution)
        {
            return [];
        }

        var gates = (await _host.History.GetApprovalsAsync(executionId, cancellationToken).ConfigureAwait(false))
            .Where(gate => gate.Status == ApprovalStatus.Pending)
            .OrderBy(gate => gate.CreatedAt)
            .ToList();
        if (gates.Count == 0)
        {
            return [];
        }

        var decisions = await _host.History.GetDecisionsAsync(executionId, cancellationToken).ConfigureAwait(false);
        var reviews = new List<GateReview>(gates.Count);
        foreach (var gate in gates)
        {
            reviews.Add(await ReviewAsync(_host, gate, execution, [.. decisions.Where(d => d.StepId == gate.StepId)], decider, cancellationToken).ConfigureAwait(false));
        }

        return reviews;
    }

    /// <summary>
    /// One open gate for review: its plan from the run when this process holds it, its message's template from the playbook
    /// version the execution is pinned to, and the decider's refusal by the gate's rules.
    /// </summary>
    internal static async Task<GateReview> ReviewAsync(
        ExecutionHost host, ApprovalRecord gate, ExecutionRecord execution, IReadOnlyList<ApprovalDecisionRecord> decisions, ApproverIdentity? decider, CancellationToken cancellationToken)
    {
        var refusal = decider is null
            ? null
            : ApprovalRules.Refuse(Pending(gate, decisions), decider, execution.StartedBy, host.Services.Options.AcceptAssistantApprovals);
        var plan = host.TryGetRun(execution.Id, out var run) ? run.PlanGate(gate.StepId) : null;
        var template = await StoredGates.TemplateAsync(gate.StepId, execution, host.Pinned, host.Services.Secrets.Masker, cancellationToken).ConfigureAwait(false);
        return new GateReview { Gate = gate, Execution = execution, MessageTemplate = template, Decisions = decisions, Plan = plan, Refusal = refusal?.Message };
    }

    /// <summary>The gate as the rules see it, from its record and the decisions on it.</summary>
    private static PendingApproval Pending(ApprovalRecord gate, IEnumerable<ApprovalDecisionRecord> decisions) => new()
    {
        StepId = gate.StepId,
        Message = gate.Message,
        Approvers = gate.Approvers,
        MinApprovals = gate.MinApprovals,
        ExpiresAt = gate.ExpiresAt,
        OnTimeout = gate.OnTimeout,
        SeparateApprover = gate.SeparateApprover,
        CreatedAt = gate.CreatedAt,
        Decisions = [.. decisions.Select(d => new ApprovalDecision(d.Approver, d.Approved, d.At, d.Comment, d.Channel, d.Person, d.Claimed))],
    };
}
