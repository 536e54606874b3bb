using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>A typed input of a playbook, with JSON-Schema-like constraints.</summary>
public sealed record InputDefinition
{
    public required string Name { get; init; }

    public InputType Type { get; init; } = InputType.String;

    public string? Description { get; init; }

    public Value? Default { get; init; }

    /// <summary>Required unless it has a default, or says <c>required: false</c>.</summary>
    public bool Required { get; init; }

    public IReadOnlyList<Value> Enum { get; init; } = [];

    public string? Pattern { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>The value is masked everywhere, as a secret is.</summary>
    public bool Secret { get; init; }

    public MappingNode? Node { get; init; }
}
