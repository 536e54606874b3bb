using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary>Calls a tool through the real client and reads its answer: the structured result, the texts, the error.</summary>
internal static class ToolCalls
{
    public static async Task<CallToolResult> CallAsync(this McpTestServer server, string tool, object? arguments = null, IProgress<ProgressNotificationValue>? progress = null)
    {
        var values = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
        return await server.Client.CallToolAsync(tool, values, progress, cancellationToken: CancellationToken.None);
    }

    /// <summary>Calls a tool that must succeed; returns its structured result.</summary>
    public static async Task<JsonElement> CallOkAsync(this McpTestServer server, string tool, object? arguments = null, IProgress<ProgressNotificationValue>? progress = null)
    {
        var result = await server.CallAsync(tool, arguments, progress);
        Assert.False(result.IsError is true, $"{tool} failed: {Text(result)}");
        return result.StructuredContent ?? throw new InvalidOperationException($"{tool} gave no structured content");
    }

    /// <summary>Calls a tool that must fail with isError; returns its message.</summary>
    public static async Task<string> CallErrorAsync(this McpTestServer server, string tool, object? arguments = null)
    {
        var result = await server.CallAsync(tool, arguments);
        Assert.True(result.IsError is true, $"{tool} should have failed, returned {Text(result)}");
        return Text(result);
    }

    public static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

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
}
