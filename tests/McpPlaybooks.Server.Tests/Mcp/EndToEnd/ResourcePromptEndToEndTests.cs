using System.Text.Json.Nodes;
using McpPlaybooks.Server.Tests.Mcp.Resources;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>Resources (read, subscribe), prompts and completions of the built server over stdio.</summary>
public sealed class ResourcePromptEndToEndTests(StdioServerFixture shared) : IClassFixture<StdioServerFixture>
{
    private McpClient Client => shared.Server.Client;

    [Fact]
    public async Task ReadResource_ExecutionAndPlaybook_TheToolsStateAndTheFileText()
    {
        var parked = await Client.CallOkAsync("execute_playbook", new { playbook_id = "restart-web", inputs = new { service = "api" }, wait_seconds = 30 });
        var id = parked.Str("execution_id");
        var state = await Client.CallOkAsync("get_execution", new { execution_id = id });

        var execution = JsonNode.Parse(await ReadTextAsync($"execution://{id}"))!;
        var playbook = await ReadTextAsync("playbook://restart-web");

        Assert.Equal("waiting_approval", state.Str("status"));
        Assert.Equal(state.Str("status"), execution["status"]!.GetValue<string>());
        Assert.Equal(2, execution["steps"]!.AsArray().Count);
        Assert.True(JsonNode.DeepEquals(state.AsNode()["steps"], execution["steps"]), $"{state.GetProperty("steps")}\n{execution["steps"]}");
        Assert.Equal(id, execution["execution_id"]!.GetValue<string>());
        Assert.Equal(File.ReadAllText(Path.Combine(shared.Server.PlaybookDirectory, "restart-web.yaml")), playbook);
    }

    [Fact]
    public async Task SubscribeToResource_ExecutionThenApproveItsGate_UpdatedForThatUri()
    {
        var parked = await Client.CallOkAsync("execute_playbook", new { playbook_id = "restart-web", inputs = new { service = "db" }, wait_seconds = 30 });
        var uri = $"execution://{parked.Str("execution_id")}";
        await using var recorder = new NotificationRecorder(Client);
        await Client.SubscribeToResourceAsync(uri);

        var done = await Client.CallOkAsync("approve_step", new { execution_id = parked.Str("execution_id"), step_id = "restart", decision = "approve", wait_seconds = 30 });

        var heard = await recorder.WaitForAsync(NotificationRecorder.Updated(uri));
        Assert.Equal("waiting_approval", parked.Str("status"));
        Assert.Equal("completed", done.Str("status"));
        Assert.All(heard, n => Assert.Equal(uri, n.Uri));
        Assert.Contains("\"status\":\"completed\"", await ReadTextAsync(uri), StringComparison.Ordinal);
        await Client.UnsubscribeFromResourceAsync(uri);
    }

    [Fact]
    public async Task ListPrompts_ThenGetRemediateIncident_FourPromptsAndTheIncidentRendered()
    {
        var prompts = await Client.ListPromptsAsync();
        var remediate = await Client.GetPromptAsync("remediate_incident", new Dictionary<string, object?> { ["incident"] = "web returns 502 since 09:12 (P2)" });

        Assert.Equal(["author_playbook", "investigate_execution", "remediate_incident", "review_playbook"], prompts.Select(p => p.Name).Order(StringComparer.Ordinal));
        var text = Assert.IsType<TextContentBlock>(Assert.Single(remediate.Messages).Content).Text;
        Assert.Contains("Incident:\n\nweb returns 502 since 09:12 (P2)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("l", "levels listen")]
    [InlineData("re", "restart-web")]
    [InlineData("x", "")]
    public async Task Complete_PromptPlaybookIdAndPlaybookTemplateId_TheCatalogueIdsWithThePrefix(string typed, string expected)
    {
        var prompt = await Client.CompleteAsync(new PromptReference { Name = "review_playbook" }, "playbook_id", typed);
        var template = await Client.CompleteAsync(new ResourceTemplateReference { Uri = "playbook://{id}" }, "id", typed);

        Assert.Equal(expected, string.Join(" ", prompt.Completion.Values));
        Assert.Equal(expected, string.Join(" ", template.Completion.Values));
    }

    private async Task<string> ReadTextAsync(string uri) =>
        Assert.IsType<TextResourceContents>(Assert.Single((await Client.ReadResourceAsync(uri)).Contents)).Text;
}
