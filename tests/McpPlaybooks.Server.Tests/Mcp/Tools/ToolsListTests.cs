using System.Text.Encodings.Web;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Mcp.Tools;

/// <summary>The whole <c>tools/list</c>: the thirteen tools of design §5 and plan_playbook, and its size, read into a model's context on every conversation.</summary>
public sealed class ToolsListTests(ITestOutputHelper output)
{
    private static readonly string[] DesignTools =
    [
        "list_playbooks", "get_playbook", "validate_playbook", "save_playbook", "plan_playbook", "execute_playbook",
        "get_execution", "list_executions", "control_execution", "approve_step", "get_execution_logs",
        "get_execution_metrics", "get_insights", "record_learning",
    ];

    // As a JavaScript client measures it (JSON.stringify): quotes and non-ASCII are not escaped.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private const int Budget = 12_288;

    [Fact]
    public async Task ToolsList_AllTools_AreTheFourteenWithinTwelveKilobytes()
    {
        await using var server = await McpTestServer.StartAsync();

        var result = await server.Client.SendRequestAsync<ListToolsRequestParams, ListToolsResult>(
            RequestMethods.ToolsList, new ListToolsRequestParams(), cancellationToken: CancellationToken.None);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(result, Relaxed).Length;
        output.WriteLine(JsonSerializer.Serialize(result, Relaxed));
        output.WriteLine($"tools/list: {result.Tools.Count} tools, {bytes} bytes");

        Assert.Equal(DesignTools, result.Tools.Select(t => t.Name));
        Assert.All(result.Tools, tool =>
        {
            Assert.NotNull(tool.OutputSchema);
            Assert.NotNull(tool.Annotations);
            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
        });
        Assert.True(bytes <= Budget, $"tools/list is {bytes} bytes; the budget is {Budget}");
    }
}
