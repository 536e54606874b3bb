using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>A step of the DAG.</summary>
public sealed record StepDefinition
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public required string Action { get; init; }

    public ObjectTemplate With { get; init; } = ObjectTemplate.Empty;

    /// <summary>The steps that must finish before this one starts.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>When false, the step is skipped and its dependents still run.</summary>
    public BareExpression? When { get; init; }

    public LoopDefinition? Foreach { get; init; }

    public ApprovalDefinition? Approval { get; init; }

    /// <summary>The limit of one attempt.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The limit of the whole step, all attempts and backoff included.</summary>
    public TimeSpan? StepTimeout { get; init; }

    public RetryDefinition? Retry { get; init; }

    /// <summary>The step's circuit breaker: the key it names, or none; null lets the action decide.</summary>
    public BreakerDefinition? Breaker { get; init; }

    /// <summary>Whether the step may run again after a crash; null means the action decides.</summary>
    public bool? Idempotent { get; init; }

    public bool ContinueOnError { get; init; }

    public IReadOnlyList<ActionCallDefinition> Rollback { get; init; } = [];

    public IReadOnlyList<ActionCallDefinition> Verify { get; init; } = [];

    public required MappingNode Node { get; init; }
}
