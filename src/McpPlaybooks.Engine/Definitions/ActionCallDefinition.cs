using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>An action invoked from <c>rollback</c>, <c>verify</c> or <c>finally</c>: a step without a place in the DAG.</summary>
public sealed record ActionCallDefinition
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public required string Action { get; init; }

    public ObjectTemplate With { get; init; } = ObjectTemplate.Empty;

    public BareExpression? When { get; init; }

    public TimeSpan? Timeout { get; init; }

    public bool ContinueOnError { get; init; }

    public required MappingNode Node { get; init; }
}
