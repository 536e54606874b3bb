using McpPlaybooks.Server.Approvals.Review;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// One waiting gate on the execution page (its own, or a child execution's that it waits for): what the approval page shows (<see cref="Sheet"/>), when it opened (a decision
/// posts it back, so a page older than the gate decides nothing), and whether this caller's decision would count now.
/// </summary>
internal sealed record GatePanel
{
    public required string StepId { get; init; }

    /// <summary>The child execution the gate is of (a <c>playbook</c> step's child waiting at it); null for the execution's own.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>
    /// The execution that started <see cref="ExecutionId"/> when it is not the page's: a grandchild's gate (or deeper) reaches
    /// its ancestors' pages too, and the page says through which execution.
    /// </summary>
    public string? StartedBy { get; init; }

    /// <summary>When the gate opened, in ticks (UTC): the decision form's <c>gate</c> field.</summary>
    public required string Gate { get; init; }

    public required GateSheet Sheet { get; init; }

    /// <summary>Whether the page offers Approve and Reject: the caller has the approver role and the gate's rules would take their decision.</summary>
    public bool MayDecide { get; init; }

    /// <summary>Why the gate's rules would refuse this approver's decision; null when it would count, or for a caller without the approver role.</summary>
    public string? Refusal { get; init; }
}
