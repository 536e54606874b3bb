using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;
using static McpPlaybooks.Engine.Loading.NodeReader;

namespace McpPlaybooks.Engine.Loading;

/// <summary>Reads the type and constraints of an input, and of its nested items and properties. Lenient, as the model builder is.</summary>
internal static class InputSchemaReader
{
    public static InputSchema Read(MappingNode map) => new()
    {
        Type = Enum<InputType>(map, "type") ?? InputType.String,
        Enum = map["enum"] is SequenceNode values ? [.. values.Items.Select(LiteralValues.From)] : [],
        Pattern = String(map, "pattern"),
        Minimum = Number(map, "minimum"),
        Maximum = Number(map, "maximum"),
        MinLength = Integer(map, "min_length"),
        MaxLength = Integer(map, "max_length"),
        Items = Mapping(map, "items") is { } items ? Read(items) : null,
        MinItems = Integer(map, "min_items"),
        MaxItems = Integer(map, "max_items"),
        Properties = Mapping(map, "properties") is { } properties
            ? [.. properties.Entries.Where(e => e.Value is MappingNode).Select(e => KeyValuePair.Create(e.Name, Read((MappingNode)e.Value)))]
            : [],
        RequiredProperties = map["required"] is SequenceNode ? Strings(map, "required") : [],
        AdditionalProperties = Boolean(map, "additional_properties") ?? true,
        Node = map,
    };
}
