using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary>What tools/list says of the six execution tools: small (it is read into a model's context), annotated, with output schemas.</summary>
public sealed class ExecutionToolsListTests
{
    private static readonly string[] Names = ["execute_playbook", "get_execution", "list_executions", "control_execution", "approve_step", "get_execution_logs"];

    [Fact]
    public async Task ListTools_EachExecutionTool_StaysWithinItsShareOfTheBudget()
    {
        await using var server = await McpTestServer.StartAsync();

        var tools = await ListAsync(server);

        // What a model reads to call each tool (nulls left out), beside its output schema: these six take at most 900 bytes
        // each, but for the three that carry 6, 7 and 8 arguments of the contract. Output schemas count in ToolsListTests' total.
        var sizes = Names.ToDictionary(n => n, n => ToolsListTests.BytesWithoutOutputSchema(tools[n]));
        var report = string.Join(", ", sizes.Select(s => $"{s.Key} {s.Value}"));
        Assert.All(sizes, s => Assert.True(s.Value <= Budget(s.Key), report));
        Assert.True(sizes.Values.Sum() <= 5600, report);
    }

    private static int Budget(string tool) => tool switch
    {
        "approve_step" => 1000,
        "execute_playbook" => 1100,
        "control_execution" => 1200,
        _ => 900,
    };

    [Fact]
    public async Task ListTools_ExecutionTools_CarryAnnotationsAndOutputSchemas()
    {
        await using var server = await McpTestServer.StartAsync();

        var tools = await ListAsync(server);

        Assert.All(Names, name => Assert.NotNull(tools[name].OutputSchema));
        Assert.All(["get_execution", "list_executions", "get_execution_logs"], name =>
        {
            Assert.True(tools[name].Annotations!.ReadOnlyHint);
            Assert.False(tools[name].Annotations!.OpenWorldHint);
        });
        Assert.All(["execute_playbook", "control_execution", "approve_step"], name =>
        {
            Assert.False(tools[name].Annotations!.ReadOnlyHint);
            Assert.True(tools[name].Annotations!.DestructiveHint);
            Assert.False(tools[name].Annotations!.IdempotentHint);
            Assert.True(tools[name].Annotations!.OpenWorldHint);
        });
        var execute = tools["execute_playbook"].InputSchema;
        Assert.Equal(["playbook_id"], execute.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(900, execute.GetProperty("properties").GetProperty("wait_seconds").GetProperty("maximum").GetInt32());
    }

    [Fact]
    public async Task ListTools_ControlExecution_DescriptionSaysWhatItDoes()
    {
        await using var server = await McpTestServer.StartAsync();

        var description = (await ListAsync(server))["control_execution"].Description!;

        Assert.All(["Pause", "resume", "cancel", "roll back", "retry", "skip", "signal", "replay"], verb => Assert.Contains(verb, description, StringComparison.Ordinal));
    }

    private static async Task<Dictionary<string, Tool>> ListAsync(McpTestServer server)
    {
        var tools = await server.Client.ListToolsAsync();
        return tools.Select(t => t.ProtocolTool).ToDictionary(t => t.Name);
    }
}
