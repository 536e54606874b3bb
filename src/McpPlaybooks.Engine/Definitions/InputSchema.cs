using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Definitions;

/// <summary>
/// The JSON-Schema-like shape of an input's value: its type and constraints, nested for the items of an
/// array and the properties of an object.
/// </summary>
public sealed record InputSchema
{
    public InputType Type { get; init; } = InputType.String;

    public IReadOnlyList<Value> Enum { get; init; } = [];

    public string? Pattern { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>Of an array: the schema of every item; null allows any item.</summary>
    public InputSchema? Items { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    /// <summary>Of an object: the schema of each named property, in the playbook's order.</summary>
    public IReadOnlyList<KeyValuePair<string, InputSchema>> Properties { get; init; } = [];

    /// <summary>Of an object: the names among <see cref="Properties"/> its value must have.</summary>
    public IReadOnlyList<string> RequiredProperties { get; init; } = [];

    /// <summary>Of an object: whether names not among <see cref="Properties"/> are allowed.</summary>
    public bool AdditionalProperties { get; init; } = true;

    /// <summary>The mapping this schema was read from (an input's own, or a nested one).</summary>
    public MappingNode? Node { get; init; }
}
