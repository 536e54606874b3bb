namespace McpPlaybooks.Engine.Execution.Approvals;

/// <summary>Where a gate stands after its decisions so far.</summary>
internal enum ApprovalOutcome
{
    /// <summary>Not enough approvals yet, and no rejection.</summary>
    Pending,

    /// <summary>At least <c>min_approvals</c> different people approved, and nobody rejected.</summary>
    Approved,

    /// <summary>Someone on the list rejected: one rejection decides.</summary>
    Rejected,
}
