using McpPlaybooks.Engine.Execution.Approvals;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>
/// One decision on a gate: who (the recorded identity, the channel it came through, the verified name of the person if
/// any, what an assistant claimed), approve or reject, when and why.
/// </summary>
public sealed record ApprovalDecision(
    string Approver,
    bool Approved,
    DateTimeOffset At,
    string? Comment,
    ApprovalChannel Channel = ApprovalChannel.Unrecorded,
    string? Person = null,
    string? Claimed = null)
{
    /// <summary>Whether the channel shows a person acted.</summary>
    public bool Verified => Channel != ApprovalChannel.Assistant;
}
