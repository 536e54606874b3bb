namespace McpPlaybooks.Engine.History.Records;

/// <summary>Where a gate stands. Written in snake case.</summary>
public enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,

    /// <summary>Its timeout passed; <see cref="ApprovalRecord.OnTimeout"/> says what followed.</summary>
    Expired,

    /// <summary>The execution ended (cancelled) while the gate was open.</summary>
    Closed,
}
