using System.Text.Json.Nodes;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// The built server serializes without reflection, as the native executable must: its runtime configuration turns
/// System.Text.Json's reflection off, so a tool call or resource read that reached for it would fail here (an
/// InvalidOperationException naming a missing JsonTypeInfo) instead of only in the native build.
/// </summary>
public sealed class ReflectionFreeJsonEndToEndTests
{
    private const string Switch = "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault";

    [Fact]
    public void RuntimeConfig_BuiltServer_ReflectionSerializationOff()
    {
        var path = Path.ChangeExtension(CliProcess.ServerDll, ".runtimeconfig.json");

        var properties = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;

        Assert.False(properties[Switch]?.GetValue<bool>() ?? true, $"{path} should set {Switch} to false");
    }

    [Fact]
    public async Task CallEveryToolAndReadEveryResource_ReflectionOff_NoSerializationFailure()
    {
        await using var server = await EndToEndServer.StartAsync();
        var client = server.Client;
        var parked = await client.CallOkAsync("execute_playbook", new { playbook_id = "restart-web", inputs = new { service = "api" }, wait_seconds = 30 });
        var id = parked.Str("execution_id");
        var answers = new List<string>();

        // Each tool with no arguments (a refusal or a default answer), then each read path with real ones.
        foreach (var tool in await client.ListToolsAsync())
        {
            answers.Add(await AnswerAsync(client, tool.Name, new { }));
        }

        answers.Add(await AnswerAsync(client, "get_execution", new { execution_id = id }));
        answers.Add(await AnswerAsync(client, "list_executions", new { limit = 5 }));
        answers.Add(await AnswerAsync(client, "get_execution_logs", new { execution_id = id }));
        answers.Add(await AnswerAsync(client, "get_playbook", new { playbook_id = "restart-web" }));
        answers.Add(await AnswerAsync(client, "validate_playbook", new { playbook_id = "restart-web" }));
        answers.Add(await AnswerAsync(client, "plan_playbook", new { playbook_id = "restart-web", inputs = new { service = "db" } }));
        answers.Add(await AnswerAsync(client, "get_insights", new { playbook_id = "restart-web" }));
        answers.Add(await AnswerAsync(client, "get_execution_metrics", new { playbook_id = "restart-web" }));
        answers.Add(await AnswerAsync(client, "approve_step", new { execution_id = id, step_id = "restart", decision = "approve", wait_seconds = 30 }));
        foreach (var resource in await client.ListResourcesAsync())
        {
            answers.Add(await ReadAsync(client, resource.Uri));
        }

        answers.Add(await ReadAsync(client, $"execution://{id}"));
        answers.Add(await ReadAsync(client, $"execution://{id}/logs"));
        foreach (var prompt in await client.ListPromptsAsync())
        {
            answers.Add(prompt.Name);
        }

        Assert.All(answers, answer => Assert.DoesNotContain("JsonTypeInfo", answer, StringComparison.Ordinal));
        Assert.All(answers, answer => Assert.DoesNotContain("reflection", answer, StringComparison.OrdinalIgnoreCase));
        // What the SDK answers when a tool throws something we did not turn into a result (a serializer's refusal, say).
        Assert.All(answers, answer => Assert.DoesNotContain("An error occurred invoking", answer, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Process.ErrorLines, line => line.Contains("JsonTypeInfo", StringComparison.Ordinal) || line.Contains("Reflection-based", StringComparison.Ordinal));
        Assert.Contains(answers, answer => answer.StartsWith("get_execution ok", StringComparison.Ordinal));
    }

    /// <summary>"TOOL ok|error: text"; a JSON-RPC error (the server failed to answer) fails the test.</summary>
    private static async Task<string> AnswerAsync(McpClient client, string tool, object arguments)
    {
        CallToolResult result;
        try
        {
            result = await client.CallAsync(tool, arguments);
        }
        catch (McpException e)
        {
            Assert.Fail($"{tool}: {e.Message}");
            throw;
        }

        return $"{tool} {(result.IsError is true ? "error" : "ok")}: {ToolCalls.Text(result)} {result.StructuredContent?.GetRawText()}";
    }

    private static async Task<string> ReadAsync(McpClient client, string uri)
    {
        try
        {
            var contents = (await client.ReadResourceAsync(uri)).Contents;
            return uri + ": " + string.Join("\n", contents.OfType<TextResourceContents>().Select(c => c.Text));
        }
        catch (McpException e)
        {
            Assert.Fail($"{uri}: {e.Message}");
            throw;
        }
    }
}
