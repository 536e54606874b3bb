using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// A tool's answer: the structured result (matching the tool's output schema) and a one- or two-sentence summary. The
/// client gets the summary as the first text block and the JSON as the second, for clients that show text only.
/// </summary>
internal sealed record ToolResult(JsonObject Structured, string Summary)
{
    // Not HTML: quotes and apostrophes in messages stay readable ('x', not \u0027x\u0027) for the model.
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CallToolResult ToCallToolResult()
    {
        var json = Structured.ToJsonString(Compact);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = Summary }, new TextContentBlock { Text = json }],
            StructuredContent = JsonElement.Parse(json),
        };
    }

    /// <summary>An <c>isError</c> result: what is wrong and what to do next.</summary>
    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };
}
