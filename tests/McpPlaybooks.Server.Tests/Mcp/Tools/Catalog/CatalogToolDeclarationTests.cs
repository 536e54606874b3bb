using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary>What <c>tools/list</c> says of the four catalogue tools: small, snake_case, described, annotated.</summary>
public sealed class CatalogToolDeclarationTests
{
    private static readonly string[] Names = ["list_playbooks", "get_playbook", "validate_playbook", "save_playbook"];

    [Fact]
    public async Task ListTools_CatalogTools_EachAtMost900BytesBesideItsOutputSchema()
    {
        await using var server = await McpTestServer.StartAsync();

        var tools = await server.Client.ListToolsAsync();

        // What a model reads to call the tool; the output schemas, which declare every field, count in ToolsListTests' total.
        var sizes = Names.ToDictionary(n => n, n => ToolsListTests.BytesWithoutOutputSchema(tools.Single(t => t.Name == n).ProtocolTool));

        Assert.All(sizes, size => Assert.True(size.Value <= 900, $"{size.Key} takes {size.Value} bytes of tools/list"));
        Assert.True(sizes.Values.Sum() <= 3400, $"the catalogue tools take {sizes.Values.Sum()} bytes of tools/list: {string.Join(", ", sizes)}");
    }

    [Fact]
    public async Task ListTools_CatalogTools_DescribedSnakeCaseArgumentsAndAnnotations()
    {
        await using var server = await McpTestServer.StartAsync();

        var tools = (await server.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        foreach (var name in Names)
        {
            var tool = tools[name];
            Assert.False(string.IsNullOrWhiteSpace(tool.Title));
            Assert.InRange(tool.Description!.Length, 80, 300);
            foreach (var property in tool.InputSchema.GetProperty("properties").EnumerateObject())
            {
                Assert.Matches("^[a-z]+(_[a-z]+)*$", property.Name);
                Assert.InRange(property.Value.GetProperty("description").GetString()!.Length, 10, 80);
            }

            Assert.Equal(JsonValueKind.Object, tool.OutputSchema!.Value.ValueKind);
            Assert.False(tool.Annotations!.OpenWorldHint);
        }

        Assert.True(tools["list_playbooks"].Annotations!.ReadOnlyHint);
        Assert.True(tools["get_playbook"].Annotations!.ReadOnlyHint);
        Assert.True(tools["validate_playbook"].Annotations!.ReadOnlyHint);
        Assert.False(tools["save_playbook"].Annotations!.ReadOnlyHint);
        Assert.False(tools["save_playbook"].Annotations!.DestructiveHint);
        Assert.True(tools["save_playbook"].Annotations!.IdempotentHint);

        // destructiveHint and idempotentHint mean nothing for a read-only tool (the spec): left out.
        Assert.Null(tools["get_playbook"].Annotations!.DestructiveHint);
        Assert.Equal(["playbook_id"], tools["get_playbook"].InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            ["draft", "active", "deprecated", "archived"],
            tools["save_playbook"].InputSchema.GetProperty("properties").GetProperty("status").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
