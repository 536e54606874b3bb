using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>
/// What a person needs to decide one waiting gate, whichever page shows it (the approval link's, the dashboard's): the
/// gate, its execution, the decisions so far, what the step will do, and whether the rules would take this decider's decision.
/// </summary>
public sealed record GateReview
{
    public required ApprovalRecord Gate { get; init; }

    public required ExecutionRecord Execution { get; init; }

    /// <summary>
    /// The gate's message as its author wrote it, when values were rendered into it (<see cref="PendingApproval.MessageTemplate"/>):
    /// it shows the person which words of the message are data from inputs or step outputs. Null when nothing was rendered.
    /// </summary>
    public string? MessageTemplate { get; init; }

    /// <summary>The decisions on this gate so far, oldest first.</summary>
    public IReadOnlyList<ApprovalDecisionRecord> Decisions { get; init; } = [];

    /// <summary>What the step will do (its rendered arguments, masked, and the action's description); null when this process does not hold the run, or for the start gate.</summary>
    public StepPlan? Plan { get; init; }

    /// <summary>Why the gate's rules would refuse the decider's decision now; null when it would count (or no decider was given).</summary>
    public string? Refusal { get; init; }
}
