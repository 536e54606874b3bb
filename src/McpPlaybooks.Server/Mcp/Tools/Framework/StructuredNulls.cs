using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// Takes the nulls out of a structured result, led by the tool's output schema (read once into a <see cref="NullPlan"/>):
/// a declared property whose value is null is left out (the schemas give one type per field, so "none" is said by
/// absence), and so is an undeclared one. Values under a schema without properties (<see cref="OutputSchema.Any"/>: step
/// outputs, inputs) are data and stay as they are.
/// </summary>
internal static class StructuredNulls
{
    public static void Remove(JsonObject structured, NullPlan plan)
    {
        ArgumentNullException.ThrowIfNull(structured);
        ArgumentNullException.ThrowIfNull(plan);
        Walk(structured, plan);
    }

    private static void Walk(JsonNode? node, NullPlan plan)
    {
        switch (node)
        {
            case JsonObject obj when plan.Properties is { } properties:
                List<string>? nulls = null;
                foreach (var (name, value) in obj)
                {
                    if (value is null)
                    {
                        (nulls ??= []).Add(name);
                    }
                    else if (properties.TryGetValue(name, out var property))
                    {
                        Walk(value, property);
                    }
                }

                foreach (var name in nulls ?? [])
                {
                    obj.Remove(name);
                }

                break;
            case JsonArray array when plan.Items is { } items:
                foreach (var item in array)
                {
                    Walk(item, items);
                }

                break;
        }
    }
}
