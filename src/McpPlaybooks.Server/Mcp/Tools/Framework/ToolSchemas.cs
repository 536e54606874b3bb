using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// The input schema of a tool, from its declared parameters: one JSON type per argument, <c>maxLength</c> on every free
/// string (an enum's values bound it already). Output schemas are built with <see cref="OutputSchema"/>.
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
                ToolParameterType.ObjectOrText => new JsonObject { ["type"] = "object" },
                ToolParameterType.StringArray => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["maxLength"] = parameter.MaxLength } },
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

            if (parameter.MaxLength is { } maxLength && parameter.Type == ToolParameterType.String && parameter.Values is null)
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

        return JsonElement.Parse(schema.ToJsonString());
    }
}
