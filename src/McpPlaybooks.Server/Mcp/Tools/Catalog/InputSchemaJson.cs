using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>The constraints of an input's schema as <c>get_playbook</c> shows them, nested for items and properties.</summary>
internal static class InputSchemaJson
{
    /// <summary>Adds the constraints that <paramref name="schema"/> sets (not its type) to <paramref name="json"/>.</summary>
    public static void AddConstraints(JsonObject json, InputSchema schema)
    {
        if (schema.Enum.Count > 0)
        {
            json["enum"] = new JsonArray([.. schema.Enum.Select(v => JsonNode.Parse(v.ToJson()))]);
        }

        Add(json, "pattern", schema.Pattern);
        Add(json, "minimum", schema.Minimum);
        Add(json, "maximum", schema.Maximum);
        Add(json, "min_length", schema.MinLength);
        Add(json, "max_length", schema.MaxLength);
        if (schema.Items is { } items)
        {
            json["items"] = Of(items);
        }

        Add(json, "min_items", schema.MinItems);
        Add(json, "max_items", schema.MaxItems);
        if (schema.Properties.Count > 0)
        {
            json["properties"] = new JsonObject(schema.Properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Of(p.Value))));
        }

        if (schema.RequiredProperties.Count > 0)
        {
            json["required_properties"] = new JsonArray([.. schema.RequiredProperties.Select(n => (JsonNode)JsonValue.Create(n))]);
        }

        if (!schema.AdditionalProperties)
        {
            json["additional_properties"] = false;
        }
    }

    private static JsonObject Of(InputSchema schema)
    {
        var json = new JsonObject { ["type"] = EnumNames.ToName(schema.Type) };
        AddConstraints(json, schema);
        return json;
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static void Add(JsonObject json, string name, double? value)
    {
        if (value is { } number)
        {
            json[name] = number;
        }
    }
}
