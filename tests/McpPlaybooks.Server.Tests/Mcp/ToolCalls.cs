using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp;

/// <summary>
/// Calls a tool through a real client (the in-process <see cref="McpTestServer"/>'s or a stdio process's) and reads its
/// answer: the structured result, the summary, the error. Arguments are a JSON object text or any object serialised to one.
/// </summary>
internal static class ToolCalls
{
    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, object? arguments = null, IProgress<ProgressNotificationValue>? progress = null)
    {
        var text = arguments as string ?? JsonSerializer.Serialize(arguments ?? new { });
        var values = JsonSerializer.Deserialize<Dictionary<string, object?>>(text)!;
        return await client.CallToolAsync(tool, values, progress, cancellationToken: CancellationToken.None);
    }

    /// <summary>Calls a tool that must succeed; returns its structured result.</summary>
    public static async Task<JsonElement> CallOkAsync(this McpClient client, string tool, object? arguments = null, IProgress<ProgressNotificationValue>? progress = null)
    {
        var result = await client.CallAsync(tool, arguments, progress);
        Assert.False(result.IsError is true, $"{tool} failed: {Text(result)}");
        return result.StructuredContent ?? throw new InvalidOperationException($"{tool} gave no structured content");
    }

    /// <summary>Calls a tool that must fail with isError; returns its message.</summary>
    public static async Task<string> CallErrorAsync(this McpClient client, string tool, object? arguments = null)
    {
        var result = await client.CallAsync(tool, arguments);
        Assert.True(result.IsError is true, $"{tool} should have failed, returned {Text(result)}");
        return Text(result);
    }

    public static Task<CallToolResult> CallAsync(this McpTestServer server, string tool, object? arguments = null, IProgress<ProgressNotificationValue>? progress = null) =>
        server.Client.CallAsync(tool, arguments, progress);

    /// <inheritdoc cref="CallOkAsync(McpClient, string, object?, IProgress{ProgressNotificationValue}?)"/>
    public static Task<JsonElement> CallOkAsync(this McpTestServer server, string tool, object? arguments = null, IProgress<ProgressNotificationValue>? progress = null) =>
        server.Client.CallOkAsync(tool, arguments, progress);

    /// <inheritdoc cref="CallErrorAsync(McpClient, string, object?)"/>
    public static Task<string> CallErrorAsync(this McpTestServer server, string tool, object? arguments = null) =>
        server.Client.CallErrorAsync(tool, arguments);

    /// <summary>The structured result as a JSON object, to index.</summary>
    public static JsonObject Structured(CallToolResult result)
    {
        Assert.NotNull(result.StructuredContent);
        return result.StructuredContent.Value.AsNode();
    }

    public static JsonObject AsNode(this JsonElement element) => JsonNode.Parse(element.GetRawText())!.AsObject();

    /// <summary>The first text block: the summary, or the error message.</summary>
    public static string Text(CallToolResult result) => result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? "";

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static JsonElement Step(this JsonElement state, string id) =>
        state.GetProperty("steps").EnumerateArray().Single(s => s.Str("id") == id);

    /// <summary>Each step's id and status, in order: "a:completed b:pending".</summary>
    public static string Steps(this JsonElement state) =>
        string.Join(" ", state.GetProperty("steps").EnumerateArray().Select(s => $"{s.Str("id")}:{s.Str("status")}"));

    /// <summary>Waits (at most 30 s) for the execution to end or park, through the engine.</summary>
    public static Task<Engine.Execution.State.ExecutionState> SettledAsync(this McpTestServer server, string executionId) =>
        server.Engine.WaitAsync(executionId, TimeSpan.FromSeconds(30), CancellationToken.None);

    public static McpClientOptions NamedClient(string name) => new() { ClientInfo = new Implementation { Name = name, Version = "1.0.0" } };

    /// <summary>The tool's output schema holds for <paramref name="structured"/>: a real validator, and no undeclared field.</summary>
    public static async Task AssertMatchesOutputSchemaAsync(this McpTestServer server, string name, JsonObject structured)
    {
        var schemas = await Tools.Schemas.ResultSchemas.LoadAsync(server.Client);
        schemas.AssertValid(name, JsonElement.Parse(structured.ToJsonString()));
    }
}
