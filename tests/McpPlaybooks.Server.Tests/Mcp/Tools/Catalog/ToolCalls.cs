using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary>Calls a tool through the test server's real client and reads its answer.</summary>
internal static class ToolCalls
{
    /// <summary>Calls <paramref name="name"/> with arguments given as a JSON object text (or none).</summary>
    public static async Task<CallToolResult> CallAsync(this McpTestServer server, string name, string? argumentsJson = null)
    {
        var arguments = argumentsJson is null
            ? null
            : JsonNode.Parse(argumentsJson)!.AsObject().ToDictionary(p => p.Key, p => (object?)p.Value);
        return await server.Client.CallToolAsync(name, arguments);
    }

    /// <summary>Calls a tool that must succeed, and returns its structured result.</summary>
    public static async Task<JsonObject> CallOkAsync(this McpTestServer server, string name, string? argumentsJson = null)
    {
        var result = await server.CallAsync(name, argumentsJson);
        Assert.True(result.IsError is not true, $"{name} failed: {Text(result)}");
        return Structured(result);
    }

    /// <summary>Calls a tool that must fail, and returns its message.</summary>
    public static async Task<string> CallErrorAsync(this McpTestServer server, string name, string? argumentsJson = null)
    {
        var result = await server.CallAsync(name, argumentsJson);
        Assert.True(result.IsError, $"{name} should have failed: {Text(result)}");
        return Text(result);
    }

    public static JsonObject Structured(CallToolResult result)
    {
        Assert.NotNull(result.StructuredContent);
        return JsonNode.Parse(result.StructuredContent.Value.GetRawText())!.AsObject();
    }

    /// <summary>The first text block: the summary, or the error message.</summary>
    public static string Text(CallToolResult result) => ((TextContentBlock)result.Content[0]).Text;

    /// <summary>The tool's output schema: every declared property is present, with the declared JSON type.</summary>
    public static async Task AssertMatchesOutputSchemaAsync(this McpTestServer server, string name, JsonObject structured)
    {
        var tool = (await server.Client.ListToolsAsync()).Single(t => t.Name == name).ProtocolTool;
        var schema = JsonNode.Parse(tool.OutputSchema!.Value.GetRawText())!.AsObject();
        var properties = schema["properties"]!.AsObject();
        foreach (var (declared, _) in properties)
        {
            Assert.True(structured.ContainsKey(declared), $"{name}: '{declared}' is missing");
        }

        foreach (var (property, value) in structured)
        {
            if (properties[property]?["type"] is { } type)
            {
                var allowed = type is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
                var kind = KindOf(value);
                Assert.True(allowed.Contains(kind) || (kind == "integer" && allowed.Contains("number")), $"{name}: '{property}' is {kind}, not {string.Join("|", allowed)}");
            }
        }
    }

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number when value.ToJsonString().Contains('.', StringComparison.Ordinal) => "number",
        JsonValueKind.Number => "integer",
        _ => "unknown",
    };
}
