using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>Whether a decider may decide a gate now, by the rules the engine applies to a decision (for advice before one).</summary>
public static class ApprovalAccess
{
    /// <summary>
    /// Whether <paramref name="who"/>'s decision on <paramref name="gate"/> would be accepted now. Who started the execution
    /// is not known here, so a separate-approver gate is taken as open to any verified person (the engine still refuses
    /// the starter).
    /// </summary>
    public static bool MayDecide(PendingApproval gate, ApproverIdentity who, bool acceptAssistant) =>
        ApprovalRules.Refuse(gate, who, startedBy: "", acceptAssistant) is null;
}
