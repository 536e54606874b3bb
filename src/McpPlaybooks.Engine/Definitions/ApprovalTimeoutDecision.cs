namespace McpPlaybooks.Engine.Definitions;

/// <summary>What happens when an approval gate times out (<c>on_timeout</c>).</summary>
public enum ApprovalTimeoutDecision
{
    Reject,
    Approve,
    Skip,
}
