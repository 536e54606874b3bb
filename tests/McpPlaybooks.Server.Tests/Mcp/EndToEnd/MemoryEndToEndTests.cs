using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Mcp.Tools.Memory;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>The learning memory's three tools on the built server over stdio, after real executions started through MCP.</summary>
public sealed class MemoryEndToEndTests(ITestOutputHelper output)
{
    private const string Secret = "s3cr3t-ldap-42";

    [Fact]
    public async Task MemoryTools_AfterFourRunsOverStdio_MetricsInsightsAndAMaskedNoteFoundByItsWords()
    {
        using var root = new TempDirectory();
        using var scripts = new TempDirectory();
        root.Write("playbooks/config.yaml", MemoryPlaybooks.ConfigCheck(scripts));
        await using var server = await StdioServerProcess.StartAsync(
            Path.Combine(root.Path, "data"),
            [Path.Combine(root.Path, "playbooks")],
            ToolCalls.NamedClient("e2e-memory"),
            new Dictionary<string, string?> { ["PLAYBOOK_SECRET_LDAP"] = Secret });
        var client = server.Client;
        for (var run = 1; run <= 4; run++)
        {
            var state = await client.CallOkAsync("execute_playbook", new { playbook_id = "config-check", inputs = new { run }, wait_seconds = 30 });
            Assert.Equal(run == 4 ? "failed" : "completed", state.Str("status"));
        }

        var metrics = await client.CallAsync("get_execution_metrics", new { playbook_id = "config-check", since = "1d" });
        var note = await client.CallOkAsync("record_learning", new { text = $"Run 4 fails on a missing config file; the bind password {Secret} was not the cause.", tags = new[] { "config" }, playbook_id = "config-check" });
        var insights = await client.CallAsync("get_insights", new { playbook_id = "config-check", query = "missing config password" });
        output.WriteLine(ToolCalls.Text(metrics));
        output.WriteLine(ToolCalls.Text(insights));
        output.WriteLine(JsonSerializer.Serialize(insights.StructuredContent, new JsonSerializerOptions { WriteIndented = true }));

        var playbook = Assert.Single(ToolCalls.Structured(metrics)["playbooks"]!.AsArray())!;
        Assert.Equal((4, 3, 0.75), (playbook["runs"]!.GetValue<int>(), playbook["completed"]!.GetValue<int>(), playbook["success_rate"]!.GetValue<double>()));
        Assert.StartsWith("config-check: 4 runs, 75% success", ToolCalls.Text(metrics), StringComparison.Ordinal);
        Assert.Equal("Run 4 fails on a missing config file; the bind password *** was not the cause.", note.Str("text"));
        Assert.Equal("mcp:e2e-memory", note.Str("author"));
        var json = ToolCalls.Structured(insights);
        Assert.Equal("<value> exited with code 1: fatal config error at <path>", Assert.Single(json["patterns"]!.AsArray())!["pattern"]!.GetValue<string>());
        var hits = json["search"]!.AsArray();
        Assert.Equal(["note", "error_pattern"], hits.Select(h => h!["kind"]!.GetValue<string>()));
        Assert.Equal(note.Str("note_id"), hits[0]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(insights), StringComparison.Ordinal);
        Assert.Contains("search: 1 note and 1 error pattern match", ToolCalls.Text(insights), StringComparison.Ordinal);
    }
}
