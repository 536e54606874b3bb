namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>Names of gates that are not a step's.</summary>
public static class ApprovalGates
{
    /// <summary>The gate of <c>safety.require_approval</c>, before the first step. Not a valid step id, so it never collides with one.</summary>
    public const string StartGateId = "_start";
}
