using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using NJsonSchema;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Schemas;

/// <summary>
/// The output schemas a server declares in <c>tools/list</c>, and the check of a structured result against its tool's
/// schema: a real JSON Schema validator (NJsonSchema), then a walk that fails on any field the schema does not declare
/// (the schemas leave <c>additionalProperties</c> open, so a validator alone would let an undeclared field through).
/// </summary>
internal sealed class ResultSchemas
{
    private readonly Dictionary<string, (JsonSchema Schema, JsonObject Raw)> _tools;

    private ResultSchemas(Dictionary<string, (JsonSchema Schema, JsonObject Raw)> tools) => _tools = tools;

    /// <summary>Every tool's name, in <c>tools/list</c>'s order.</summary>
    public IReadOnlyCollection<string> Tools => _tools.Keys;

    /// <summary>The tools (and how many results of each) that were checked.</summary>
    public Dictionary<string, int> Checked { get; } = new(StringComparer.Ordinal);

    public static async Task<ResultSchemas> LoadAsync(McpClient client)
    {
        var tools = new Dictionary<string, (JsonSchema, JsonObject)>(StringComparer.Ordinal);
        foreach (var tool in await client.ListToolsAsync())
        {
            var text = tool.ProtocolTool.OutputSchema!.Value.GetRawText();

            // The schemas are JSON Schema 2020-12 (MCP's default), whose shared parts are "$defs"; NJsonSchema 10 reads
            // draft 7, where they are "definitions": the same schema, in its dialect.
            var draft7 = text.Replace("\"$defs\"", "\"definitions\"", StringComparison.Ordinal).Replace("#/$defs/", "#/definitions/", StringComparison.Ordinal);
            tools[tool.Name] = (await JsonSchema.FromJsonAsync(draft7), JsonNode.Parse(text)!.AsObject());
        }

        return new ResultSchemas(tools);
    }

    /// <summary>Calls a tool that must succeed and checks its structured result; returns it.</summary>
    public async Task<JsonElement> CallAsync(McpClient client, string tool, object? arguments = null)
    {
        var structured = await client.CallOkAsync(tool, arguments);
        AssertValid(tool, structured);
        return structured;
    }

    public void AssertValid(string tool, JsonElement structured)
    {
        var (schema, raw) = _tools[tool];
        var json = structured.GetRawText();
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{tool}: the result does not match its output schema:\n- "
            + string.Join("\n- ", errors.Select(e => $"{e.Path}: {e.Kind}")) + "\n" + json);
        var undeclared = new List<string>();
        Undeclared(JsonNode.Parse(json), raw, raw["$defs"] as JsonObject, "$", undeclared);
        Assert.True(undeclared.Count == 0, $"{tool}: fields not in the output schema: {string.Join(", ", undeclared)}");
        Checked[tool] = Checked.GetValueOrDefault(tool) + 1;
    }

    private static void Undeclared(JsonNode? node, JsonObject schema, JsonObject? definitions, string path, List<string> found)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = definitions![reference[(reference.LastIndexOf('/') + 1)..]]!.AsObject();
        }

        switch (node)
        {
            case JsonObject obj when schema["properties"] is JsonObject properties:
                foreach (var (name, value) in obj)
                {
                    if (properties[name] is JsonObject property)
                    {
                        Undeclared(value, property, definitions, $"{path}.{name}", found);
                    }
                    else
                    {
                        found.Add($"{path}.{name}");
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Undeclared(array[i], items, definitions, $"{path}[{i}]", found);
                }

                break;
        }
    }
}
