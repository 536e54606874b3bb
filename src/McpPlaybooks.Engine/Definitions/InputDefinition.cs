using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>A typed input of a playbook, with JSON-Schema-like constraints (<see cref="Schema"/>).</summary>
public sealed record InputDefinition
{
    public required string Name { get; init; }

    /// <summary>The type and constraints of the value, nested for arrays and objects.</summary>
    public InputSchema Schema { get; init; } = new();

    public InputType Type => Schema.Type;

    public string? Description { get; init; }

    public Value? Default { get; init; }

    /// <summary>Required unless it has a default, or says <c>required: false</c>.</summary>
    public bool Required { get; init; }

    public IReadOnlyList<Value> Enum => Schema.Enum;

    public string? Pattern => Schema.Pattern;

    public double? Minimum => Schema.Minimum;

    public double? Maximum => Schema.Maximum;

    public int? MinLength => Schema.MinLength;

    public int? MaxLength => Schema.MaxLength;

    /// <summary>The value is masked everywhere, as a secret is.</summary>
    public bool Secret { get; init; }

    public MappingNode? Node { get; init; }
}
