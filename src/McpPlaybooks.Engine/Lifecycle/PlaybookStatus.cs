namespace McpPlaybooks.Engine.Lifecycle;

/// <summary>Where a playbook version is in its life. Written in snake case.</summary>
public enum PlaybookStatus
{
    /// <summary>Saved, not published: may be validated and dry-run, not run for real.</summary>
    Draft,

    /// <summary>Published: runs for real.</summary>
    Active,

    /// <summary>Superseded: existing executions go on, new real runs are refused.</summary>
    Deprecated,

    /// <summary>Retired for good: kept for history only.</summary>
    Archived,
}
