using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// JSON Schemas of tools: the input schema from the declared parameters, and compact output schemas. The whole
/// <c>tools/list</c> is read into a model's context, so output schemas carry types and no descriptions.
/// </summary>
internal static class ToolSchemas
{
    public static JsonElement Input(IReadOnlyList<ToolParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var properties = new JsonObject();
        foreach (var parameter in parameters)
        {
            var property = parameter.Type switch
            {
                ToolParameterType.String => new JsonObject { ["type"] = "string" },
                ToolParameterType.Integer => new JsonObject { ["type"] = "integer" },
                ToolParameterType.Boolean => new JsonObject { ["type"] = "boolean" },
                ToolParameterType.Object => new JsonObject { ["type"] = "object" },
                ToolParameterType.ObjectOrString => new JsonObject { ["type"] = new JsonArray("object", "string") },
                ToolParameterType.StringArray => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                _ => throw new ArgumentOutOfRangeException(nameof(parameters), parameter.Type, "unknown parameter type"),
            };
            if (parameter.Values is { } values)
            {
                property["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
            }

            if (parameter.Minimum is { } minimum)
            {
                property["minimum"] = minimum;
            }

            if (parameter.Maximum is { } maximum)
            {
                property["maximum"] = maximum;
            }

            if (parameter.MaxLength is { } maxLength)
            {
                property["maxLength"] = maxLength;
            }

            property["description"] = parameter.Description;
            properties[parameter.Name] = property;
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        var required = parameters.Where(p => p.Required).Select(p => JsonValue.Create(p.Name)).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>
    /// An object schema from <c>name:type</c> pairs; a type is a JSON type, or two joined by <c>|</c> (<c>string|null</c>).
    /// It declares the properties every result has (others may come too), with their types and no <c>required</c> list:
    /// the bytes go to <c>tools/list</c> on every conversation, and a result always carries what its schema names.
    /// </summary>
    public static JsonElement Output(params string[] properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var props = new JsonObject();
        foreach (var declaration in properties)
        {
            var colon = declaration.IndexOf(':', StringComparison.Ordinal);
            var name = declaration[..colon];
            var types = declaration[(colon + 1)..].Split('|');
            props[name] = new JsonObject { ["type"] = types.Length == 1 ? types[0] : new JsonArray([.. types.Select(t => JsonValue.Create(t))]) };
        }

        return JsonSerializer.SerializeToElement(new JsonObject { ["type"] = "object", ["properties"] = props });
    }

    /// <summary>
    /// The execution state of design §5 (plus an optional <c>note</c> on what the call did), declared by the properties a
    /// caller acts on; the others are there too. Four tools return it, so the full list would cost 4 × 573 bytes of
    /// <c>tools/list</c> (8 KB in all); this costs 4 × 118.
    /// </summary>
    public static JsonElement ExecutionState { get; } = Output("execution_id:string", "status:string");
}
