using McpPlaybooks.Engine.Tests.Support;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary>
/// Cycles of child playbooks through a real client: <c>validate_playbook</c> warns PB1009 for a text that would close one
/// with the catalogue (and for a catalogue playbook in one), and <c>execute_playbook</c> and <c>get_execution</c> carry
/// the depth limit's whole cause when a templated child id recurses.
/// </summary>
public sealed class ChildCycleToolTests
{
    [Fact]
    public async Task ValidatePlaybook_YamlClosingACycleWithTheCatalogue_WarnsPB1009AtItsStep()
    {
        await using var server = await McpTestServer.StartAsync(new() { Playbooks = new Dictionary<string, string> { ["a.yaml"] = ChildCyclePlaybooks.A } });

        var text = await server.CallAsync("validate_playbook", new { yaml = ChildCyclePlaybooks.B });
        var byId = await server.CallAsync("validate_playbook", new { playbook_id = "a" });
        var json = ToolCalls.Structured(text);

        Assert.True(json["valid"]!.GetValue<bool>());
        var warning = Assert.Single(json["diagnostics"]!.AsArray())!;
        Assert.Equal("PB1009", warning["code"]!.GetValue<string>());
        Assert.StartsWith("a cycle of child playbooks: b → a → b (step 'back' of 'b' starts 'a'; step 'call' of 'a' starts 'b')", warning["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("8:17", $"{warning["line"]}:{warning["column"]}");
        Assert.Equal("valid, 1 warning.", ToolCalls.Text(text));
        Assert.DoesNotContain("PB1009", ToolCalls.Structured(byId).ToJsonString(), StringComparison.Ordinal); // b is not saved
    }

    [Fact]
    public async Task ExecuteAndGetExecution_CycleThroughATemplatedId_CarryTheDepthLimitsWholeCause()
    {
        await using var server = await McpTestServer.StartAsync(new() { Playbooks = new Dictionary<string, string> { ["ping.yaml"] = ChildCyclePlaybooks.Ping, ["pong.yaml"] = ChildCyclePlaybooks.Pong } });

        var executed = await server.CallAsync("execute_playbook", new { playbook_id = "ping", wait_seconds = 30 });
        var state = executed.StructuredContent!.Value;
        var got = (await server.CallAsync("get_execution", new { execution_id = state.Str("execution_id") })).StructuredContent!.Value;

        Assert.Equal("failed", state.Str("status"));
        foreach (var error in new[] { state.GetProperty("error").Str("message"), got.GetProperty("error").Str("message") })
        {
            Assert.Contains("nest at most 5 deep; starting 'ping' here would make depth 6: " + ChildCyclePlaybooks.PingChain + ".", error, StringComparison.Ordinal);
        }
    }
}
