using System.Text.Json;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// What <see cref="StructuredNulls"/> needs of an output schema, read once when the tool is declared rather than parsed
/// again on every call: each object's declared properties and each array's items, with <c>$ref</c> to <c>#/$defs/…</c>
/// resolved. <see cref="Properties"/> is null under a schema without them (<see cref="OutputSchema.Any"/>: data).
/// </summary>
internal sealed class NullPlan
{
    private Dictionary<string, NullPlan>? _properties;

    private NullPlan()
    {
    }

    /// <summary>The declared properties of an object, or null when the schema declares none.</summary>
    public IReadOnlyDictionary<string, NullPlan>? Properties => _properties;

    /// <summary>The schema of an array's items, or null when it declares none.</summary>
    public NullPlan? Items { get; private set; }

    /// <summary>Reads <paramref name="schema"/> (a whole output schema, with its <c>$defs</c>).</summary>
    public static NullPlan Of(JsonElement schema)
    {
        var definitions = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$defs", out var defs) && defs.ValueKind == JsonValueKind.Object
            ? defs
            : default;
        return Read(schema, definitions, new Dictionary<string, NullPlan>(StringComparer.Ordinal));
    }

    private static NullPlan Read(JsonElement schema, JsonElement definitions, Dictionary<string, NullPlan> named)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return new NullPlan();
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String
            && definitions.ValueKind == JsonValueKind.Object)
        {
            var text = reference.GetString()!;
            var name = text[(text.LastIndexOf('/') + 1)..];
            if (named.TryGetValue(name, out var known))
            {
                return known;
            }

            if (definitions.TryGetProperty(name, out var target) && target.ValueKind == JsonValueKind.Object)
            {
                // Entered before it is filled in, so that a definition may refer to itself.
                var plan = new NullPlan();
                named[name] = plan;
                plan.Fill(target, definitions, named);
                return plan;
            }
        }

        var direct = new NullPlan();
        direct.Fill(schema, definitions, named);
        return direct;
    }

    private void Fill(JsonElement schema, JsonElement definitions, Dictionary<string, NullPlan> named)
    {
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            _properties = new Dictionary<string, NullPlan>(StringComparer.Ordinal);
            foreach (var property in properties.EnumerateObject())
            {
                _properties[property.Name] = Read(property.Value, definitions, named);
            }
        }

        if (schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
        {
            Items = Read(items, definitions, named);
        }
    }
}
