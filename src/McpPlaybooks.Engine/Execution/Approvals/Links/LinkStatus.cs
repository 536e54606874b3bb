namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>Where a link stands.</summary>
public enum LinkStatus
{
    /// <summary>No link has this token (or it is not a token at all).</summary>
    Unknown,

    /// <summary>It made its one decision already.</summary>
    Used,

    /// <summary>Its gate is no longer waiting (decided, timed out, the execution ended, or the gate was reached again).</summary>
    Closed,

    /// <summary>Its gate waits: it may decide once.</summary>
    Open,
}
