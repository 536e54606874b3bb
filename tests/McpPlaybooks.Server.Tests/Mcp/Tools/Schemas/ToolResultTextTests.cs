using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Schemas;

/// <summary>
/// What a result carries by the protocol the client agreed: the summary and the links always; the JSON in
/// <c>structuredContent</c>, and once more as text only for a protocol before 2025-06-18 (which has no structured content).
/// Nulls of declared fields are left out.
/// </summary>
public sealed class ToolResultTextTests
{
    private static readonly JsonElement Schema = Root(Obj(("id", Str), ("ended_at?", Str), ("output?", Any)));

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public void ToCallToolResult_ProtocolWithStructuredContent_SummaryAndLinksOnly(string version)
    {
        var result = Result().ToCallToolResult(Schema, version);

        Assert.Equal(["text:ok.", "resource_link:execution://ex-1", "resource_link:execution://ex-1/logs"], Blocks(result));
        Assert.Equal("""{"id":"ex-1","output":{"a":null}}""", result.StructuredContent!.Value.GetRawText());
    }

    [Theory]
    [InlineData("2024-11-05")]
    [InlineData("2025-03-26")]
    [InlineData(null)]
    public void ToCallToolResult_ProtocolBeforeStructuredContent_TheJsonOnceAsText(string? version)
    {
        var result = Result().ToCallToolResult(Schema, version);

        Assert.Equal(["text:ok.", "resource_link:execution://ex-1", "resource_link:execution://ex-1/logs", """text:{"id":"ex-1","output":{"a":null}}"""], Blocks(result));
    }

    private static ToolResult Result() =>
        new(new JsonObject { ["id"] = "ex-1", ["ended_at"] = null, ["output"] = new JsonObject { ["a"] = null } }, "ok.") { Links = ResultLinks.Execution("ex-1") };

    private static List<string> Blocks(CallToolResult result) =>
        [.. result.Content.Select(b => b switch
        {
            TextContentBlock text => "text:" + text.Text,
            ResourceLinkBlock link => "resource_link:" + link.Uri,
            _ => b.Type,
        })];
}
