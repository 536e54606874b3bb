using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

public sealed class NestedInputsToolTests
{
    private const string Deploy = """
        id: deploy
        name: Deploy
        version: 1.0.0
        inputs:
          hosts: { type: array, max_items: 2, items: { type: string } }
          labels:
            type: object
            required: [team]
            properties:
              team: { type: string, enum: [web, db] }
        steps:
          - id: note
            action: log
            with: { message: "{{ inputs.hosts }} {{ inputs.labels }}" }
        """;

    [Fact]
    public async Task ExecutePlaybook_BadNestedInputs_IsErrorListingEveryProblemAndStartsNothing()
    {
        await using var server = await McpTestServer.StartAsync(Options(("deploy", Deploy)));

        var error = await server.CallErrorAsync("execute_playbook", new
        {
            playbook_id = "deploy",
            inputs = new { hosts = new object[] { "a", 2, "c" }, labels = new { team = "ops", tier = 1 } },
        });

        Assert.StartsWith("the inputs do not fit the playbook:", error, StringComparison.Ordinal);
        Assert.Contains("input 'hosts' has 3 items, more than the maximum of 2", error, StringComparison.Ordinal);
        Assert.Contains("input 'hosts[1]' must be a string, but it is 2", error, StringComparison.Ordinal);
        Assert.Contains("input 'labels.team' is the string 'ops', which is not one of: web, db", error, StringComparison.Ordinal);
        var page = await server.Engine.History.ListExecutionsAsync(new Engine.History.ExecutionQuery(), CancellationToken.None);
        Assert.Empty(page.Executions);
    }

    [Fact]
    public async Task GetPlaybook_NestedInputs_ShowsItemsAndProperties()
    {
        await using var server = await McpTestServer.StartAsync(Options(("deploy", Deploy)));

        var json = await server.CallOkAsync("get_playbook", new { playbook_id = "deploy" });

        Assert.Equal(
            """[{"name":"hosts","type":"array","required":true,"items":{"type":"string"},"max_items":2},"""
            + """{"name":"labels","type":"object","required":true,"properties":{"team":{"type":"string","enum":["web","db"]}},"required_properties":["team"]}]""",
            json.GetProperty("inputs").GetRawText());
    }
}
