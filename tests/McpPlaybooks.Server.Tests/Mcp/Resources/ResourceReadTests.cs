using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Schema;
using McpPlaybooks.Server.Mcp.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Resources;

/// <summary>resources/list, resources/templates/list and resources/read through a real client.</summary>
public sealed class ResourceReadTests
{
    private static McpTestServerOptions Catalogue() => new()
    {
        Playbooks = new Dictionary<string, string>
        {
            ["alpha-1.yaml"] = ResourcePlaybooks.AlphaV1,
            ["alpha-2.yaml"] = ResourcePlaybooks.AlphaV2,
            ["gated.yaml"] = ResourcePlaybooks.Gated,
        },
    };

    [Fact]
    public async Task ListResources_Catalogue_ListsLatestOfEachPlaybookAndTheSchema()
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());

        var resources = await server.Client.ListResourcesAsync();

        Assert.Equal(["playbook://alpha", "playbook://gated", "schema://playbook"], resources.Select(r => r.Uri));
        var alpha = resources[0].ProtocolResource;
        Assert.Equal(("alpha", "Alpha two", "application/yaml"), (alpha.Name, alpha.Title, alpha.MimeType));
        Assert.Equal("Version 1.1.0. The second alpha, with a longer description.", alpha.Description);
        Assert.Equal("application/schema+json", resources[2].MimeType);
    }

    [Fact]
    public async Task ListResourceTemplates_Always_ListsPlaybookExecutionAndLogTemplates()
    {
        await using var server = await McpTestServer.StartAsync();

        var templates = await server.Client.ListResourceTemplatesAsync();

        Assert.Equal(["playbook://{id}", "playbook://{id}@{version}", "execution://{id}", "execution://{id}/logs"], templates.Select(t => t.UriTemplate));
        Assert.Equal(["application/yaml", "application/yaml", "application/json", "application/json"], templates.Select(t => t.MimeType));
    }

    [Fact]
    public async Task Initialize_Server_AdvertisesSubscribeAndListChanged()
    {
        await using var server = await McpTestServer.StartAsync();

        Assert.True(server.Client.ServerCapabilities.Resources?.Subscribe);
        Assert.True(server.Client.ServerCapabilities.Resources?.ListChanged);
    }

    [Fact]
    public async Task ReadResource_PlaybookWithAndWithoutVersion_ReturnsThatVersionsYaml()
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());

        var latest = Single(await server.Client.ReadResourceAsync("playbook://alpha"));
        var first = Single(await server.Client.ReadResourceAsync("playbook://alpha@1.0.0"));

        Assert.Equal(("playbook://alpha", "application/yaml", ResourcePlaybooks.AlphaV2), (latest.Uri, latest.MimeType, latest.Text));
        Assert.Equal(("playbook://alpha@1.0.0", ResourcePlaybooks.AlphaV1), (first.Uri, first.Text));
    }

    [Fact]
    public async Task ReadResource_Schema_ReturnsThePublishedSchema()
    {
        await using var server = await McpTestServer.StartAsync();

        var schema = Single(await server.Client.ReadResourceAsync("schema://playbook"));

        Assert.Equal(PlaybookSchema.Text, schema.Text);
        Assert.Equal("application/schema+json", schema.MimeType);
        Assert.NotNull(JsonNode.Parse(schema.Text)!["properties"]!["steps"]);
    }

    [Fact]
    public async Task ReadResource_Execution_ReturnsTheBoundedStateJson()
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());
        var state = await ResourcePlaybooks.RunAsync(server, "alpha", "1.0.0");

        var read = Single(await server.Client.ReadResourceAsync($"execution://{state.ExecutionId}"));

        Assert.Equal("application/json", read.MimeType);
        Assert.Equal(ExecutionStateView.ToJsonText(state), read.Text);
        Assert.Equal("completed", JsonNode.Parse(read.Text)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadResource_ExecutionLogs_ReturnsTheLinesWithAHint()
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());
        var state = await ResourcePlaybooks.RunAsync(server, "alpha", "1.0.0");

        var read = Single(await server.Client.ReadResourceAsync($"execution://{state.ExecutionId}/logs"));

        var json = JsonNode.Parse(read.Text)!.AsObject();
        Assert.Equal(state.ExecutionId, json["execution_id"]!.GetValue<string>());
        Assert.Equal(0, json["omitted_before"]!.GetValue<int>());
        var hello = Assert.Single(json["lines"]!.AsArray(), l => l!["message"]!.GetValue<string>() == "hello from alpha");
        Assert.Equal(("info", "hello"), (hello!["level"]!.GetValue<string>(), hello["step_id"]!.GetValue<string>()));
        Assert.Contains("get_execution_logs", json["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadResource_LongLog_KeepsTheLast200LinesEachCut()
    {
        var items = string.Join(", ", Enumerable.Range(1, 210));
        var longLine = new string('x', 1500);
        await using var server = await McpTestServer.StartAsync(new McpTestServerOptions
        {
            Playbooks = new Dictionary<string, string>
            {
                ["chatty.yaml"] = $$$"""
                    id: chatty
                    name: Chatty
                    version: 1.0.0
                    safety: { blast_radius: 1000 }
                    steps:
                      - id: many
                        foreach: [{{{items}}}]
                        action: log
                        with: { message: "line {{ item }}" }
                      - id: long
                        needs: [many]
                        action: log
                        with: { message: "{{{longLine}}}" }
                    """,
            },
        });
        var state = await ResourcePlaybooks.RunAsync(server, "chatty");
        Assert.Equal(ExecutionStatus.Completed, state.Status);
        var all = await server.Engine.History.GetLogsAsync(new LogQuery { ExecutionId = state.ExecutionId, Limit = 1000 }, default);

        var json = JsonNode.Parse(Single(await server.Client.ReadResourceAsync($"execution://{state.ExecutionId}/logs")).Text)!;

        var lines = json["lines"]!.AsArray();
        Assert.Equal(200, lines.Count);
        Assert.Equal(all.Entries.Count - 200, json["omitted_before"]!.GetValue<int>());
        Assert.Equal(all.Entries[^1].Id, lines[^1]!["id"]!.GetValue<long>());
        var cut = Assert.Single(lines, l => l!["message"]!.GetValue<string>().StartsWith("xxx", StringComparison.Ordinal))!["message"]!.GetValue<string>();
        Assert.Equal(new string('x', 1000) + "…[500 characters omitted]", cut);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "Unknown resource URI 'file:///etc/passwd'. The resources are playbook://{id}")]
    [InlineData("playbook://nope", "No playbook 'nope' in the catalogue. Its playbooks: alpha, gated.")]
    [InlineData("playbook://alpha@9.9.9", "Playbook 'alpha' has no version '9.9.9'. Its versions: 1.1.0, 1.0.0.")]
    [InlineData("execution://ex-nope", "No execution 'ex-nope'. Recent executions: (none); list_executions finds older ones.")]
    [InlineData("execution://ex-nope/logs", "No execution 'ex-nope'.")]
    public async Task ReadResource_Unknown_IsResourceNotFoundNamingWhatExists(string uri, string expected)
    {
        await using var server = await McpTestServer.StartAsync(Catalogue());

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.ReadResourceAsync(uri).AsTask());

        Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static TextResourceContents Single(ReadResourceResult result) => Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
}
