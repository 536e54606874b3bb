using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// Builds the compact output schemas of the tools: every field with one JSON type (no type unions), <c>required</c>, and
/// <c>items</c>. A property named with a trailing <c>?</c> is optional: a tool leaves it out when it has no value (a null
/// is never sent for it, see <see cref="StructuredNulls"/>). <see cref="Any"/> is a value of any JSON type (step outputs,
/// inputs): no <c>type</c> at all.
/// </summary>
internal static class OutputSchema
{
    public static JsonObject Str => Type("string");

    public static JsonObject Int => Type("integer");

    public static JsonObject Num => Type("number");

    public static JsonObject Bool => Type("boolean");

    /// <summary>An object whose properties are data (inputs, evidence, arguments): any names.</summary>
    public static JsonObject Map => Type("object");

    /// <summary>Any JSON value.</summary>
    public static JsonObject Any => [];

    public static JsonObject Strs => ArrayOf(Str);

    public static JsonObject ArrayOf(JsonObject items) => new() { ["type"] = "array", ["items"] = items };

    /// <summary>A reference to <c>#/$defs/{name}</c> of the same schema (see <see cref="Root"/>).</summary>
    public static JsonObject Ref(string name) => new() { ["$ref"] = "#/$defs/" + name };

    /// <summary>An object with these properties; each is required unless its name ends with <c>?</c>.</summary>
    public static JsonObject Obj(params (string Name, JsonObject Schema)[] properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var props = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, schema) in properties)
        {
            var optional = name.EndsWith('?');
            var key = optional ? name[..^1] : name;
            props[key] = schema;
            if (!optional)
            {
                required.Add((JsonNode)key);
            }
        }

        var json = new JsonObject { ["type"] = "object", ["properties"] = props };
        if (required.Count > 0)
        {
            json["required"] = required;
        }

        return json;
    }

    /// <summary>The schema of a tool's result: <paramref name="root"/>, with <paramref name="definitions"/> as <c>$defs</c>.</summary>
    public static JsonElement Root(JsonObject root, params (string Name, JsonObject Schema)[] definitions)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(definitions);
        if (definitions.Length > 0)
        {
            root["$defs"] = new JsonObject(definitions.Select(d => KeyValuePair.Create(d.Name, (JsonNode?)d.Schema)));
        }

        return JsonElement.Parse(root.ToJsonString());
    }

    private static JsonObject Type(string type) => new() { ["type"] = type };
}
