using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>What a link leads to: its status, and for an open one what a person needs to decide (the gate, the execution, what the step will do).</summary>
public sealed record LinkLookup
{
    public required LinkStatus Status { get; init; }

    /// <summary>The link as recorded; null when unknown.</summary>
    public ApprovalLinkRecord? Link { get; init; }

    /// <summary>The gate's current record (for a closed link, how it ended); null when unknown.</summary>
    public ApprovalRecord? Gate { get; init; }

    public ExecutionRecord? Execution { get; init; }

    /// <summary>The gate's message as its author wrote it, for an open link whose gate rendered values into it (<see cref="GateReview.MessageTemplate"/>).</summary>
    public string? MessageTemplate { get; init; }

    /// <summary>The decisions on the gate so far, oldest first.</summary>
    public IReadOnlyList<ApprovalDecisionRecord> Decisions { get; init; } = [];

    /// <summary>What the step will do (its rendered arguments, masked, and the action's description); null when this process does not hold the run, or for the start gate.</summary>
    public StepPlan? Plan { get; init; }

    /// <summary>Who a decision through this link is recorded as.</summary>
    public ApproverIdentity? Decider { get; init; }

    /// <summary>Why a decision through this link would be refused by the gate's rules now; null when it would count.</summary>
    public string? Refusal { get; init; }

    /// <summary>One sentence on why a link that is not open cannot decide.</summary>
    public string Reason { get; init; } = "";
}
