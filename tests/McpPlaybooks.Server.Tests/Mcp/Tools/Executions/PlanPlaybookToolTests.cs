using ModelContextProtocol.Protocol;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary><c>plan_playbook</c>: the dry run under a read-only tool, the same plan as <c>execute_playbook</c> with <c>dry_run</c>.</summary>
public sealed class PlanPlaybookToolTests
{
    [Fact]
    public async Task PlanPlaybook_Declaration_IsReadOnly()
    {
        await using var server = await McpTestServer.StartAsync();

        var tool = (await server.Client.ListToolsAsync()).Single(t => t.Name == "plan_playbook").ProtocolTool;

        Assert.True(tool.Annotations!.ReadOnlyHint);
        Assert.Null(tool.Annotations.DestructiveHint);
        Assert.False(tool.Annotations.OpenWorldHint);
    }

    [Fact]
    public async Task PlanPlaybook_ShellPlaybook_PlansWithoutRunningAnything()
    {
        await using var server = await McpTestServer.StartAsync(Options(("echo", Echo)));

        var result = await server.CallAsync("plan_playbook", new { playbook_id = "echo", inputs = new { text = "planned" } });
        var plan = ToolCalls.Structured(result);

        Assert.False(result.IsError is true, ToolCalls.Text(result));
        Assert.True(plan["dry_run"]!.GetValue<bool>());
        Assert.Equal("completed", plan["status"]!.GetValue<string>());
        var say = plan["steps"]![0]!;
        Assert.True(say["plan"]!["would_run"]!.GetValue<bool>());
        Assert.Contains("planned", say["plan"]!["arguments"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(say["output"]);
        Assert.StartsWith("Dry run ", ToolCalls.Text(result), StringComparison.Ordinal);
        var links = result.Content.OfType<ResourceLinkBlock>().Select(l => l.Uri).ToList();
        var id = plan["execution_id"]!.GetValue<string>();
        Assert.Equal([$"execution://{id}", $"execution://{id}/logs"], links);
    }

    [Fact]
    public async Task PlanPlaybook_SameArguments_SamePlanAsExecutePlaybookDryRun()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)));

        var planned = await server.CallOkAsync("plan_playbook", new { playbook_id = "gated" });
        var dryRun = await server.CallOkAsync("execute_playbook", new { playbook_id = "gated", dry_run = true });

        Assert.Equal(Plans(dryRun), Plans(planned));
        Assert.Contains("Restart the service?", Plans(planned), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanPlaybook_UnknownPlaybook_SaysWhatToCall()
    {
        await using var server = await McpTestServer.StartAsync(Options(("gated", Gated)));

        var error = await server.CallErrorAsync("plan_playbook", new { playbook_id = "gatd" });

        Assert.Contains("no playbook 'gatd'", error, StringComparison.Ordinal);
        Assert.Contains("list_playbooks", error, StringComparison.Ordinal);
    }

    /// <summary>Each step's plan, but for the gate's deadline (which counts from each run's start).</summary>
    private static string Plans(System.Text.Json.JsonElement state) =>
        string.Join("\n", state.GetProperty("steps").EnumerateArray().Select(s => System.Text.RegularExpressions.Regex.Replace(
            s.GetProperty("plan").GetRawText(), "\"expires_at\":\"[^\"]*\"", "\"expires_at\":\"…\"")));
}
