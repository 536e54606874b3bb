namespace McpPlaybooks.Engine.Memory;

/// <summary>What a <see cref="Recommendation"/> is about.</summary>
public enum RecommendationKind
{
    /// <summary>A step's timeout is under what it needs.</summary>
    RaiseTimeout,

    /// <summary>A <c>retry_on</c> category whose retries never recover.</summary>
    DropRetryCategory,

    /// <summary>A step nearly always skipped.</summary>
    RarelyRunStep,

    /// <summary>A playbook with a low success rate for one incident type.</summary>
    LowSuccessForIncidentType,

    /// <summary>A playbook with a low success rate overall.</summary>
    LowSuccessRate,
}
