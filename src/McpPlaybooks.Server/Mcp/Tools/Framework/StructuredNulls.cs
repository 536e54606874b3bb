using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// Takes the nulls out of a structured result, led by the tool's output schema: a declared property whose value is null
/// is left out (the schemas give one type per field, so "none" is said by absence), and so is an undeclared one. Values
/// under a schema without a type (<see cref="OutputSchema.Any"/>: step outputs, inputs) are data and stay as they are.
/// </summary>
internal static class StructuredNulls
{
    public static void Remove(JsonObject structured, JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(structured);
        ArgumentNullException.ThrowIfNull(schema);
        Walk(structured, schema, schema["$defs"] as JsonObject);
    }

    private static void Walk(JsonNode? node, JsonObject schema, JsonObject? definitions)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference && definitions?[reference[(reference.LastIndexOf('/') + 1)..]] is JsonObject target)
        {
            schema = target;
        }

        switch (node)
        {
            case JsonObject obj when schema["properties"] is JsonObject properties:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var (name, value) in obj)
                {
                    if (properties[name] is JsonObject property)
                    {
                        Walk(value, property, definitions);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                foreach (var item in array)
                {
                    Walk(item, items, definitions);
                }

                break;
        }
    }
}
