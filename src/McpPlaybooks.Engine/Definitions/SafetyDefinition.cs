namespace McpPlaybooks.Engine.Definitions;

/// <summary>The guardrails of a playbook.</summary>
public sealed record SafetyDefinition
{
    public static SafetyDefinition None { get; } = new();

    /// <summary>A gate before the first step.</summary>
    public bool RequireApproval { get; init; }

    /// <summary>A real run needs a successful dry run of the same version and inputs in the last hour.</summary>
    public bool DryRunFirst { get; init; }

    public int? MaxExecutionsPerHour { get; init; }

    public int? MaxConcurrent { get; init; }

    /// <summary>The most targets a loop may touch.</summary>
    public int? BlastRadius { get; init; }

    /// <summary>The identity that started an execution may not approve its gates.</summary>
    public bool SeparateApprover { get; init; }
}
