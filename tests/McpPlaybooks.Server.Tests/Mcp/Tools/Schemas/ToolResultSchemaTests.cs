using McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;
using McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Schemas;

/// <summary>
/// Every tool's structured results, in the situations a caller meets (found and not found, valid and broken, waiting,
/// failed, completed, dry run, paged, with and without an incident), checked against the tool's declared output schema
/// by a real validator, with no field left undeclared.
/// </summary>
public sealed class ToolResultSchemaTests
{
    private static McpTestServerOptions Options()
    {
        var files = CatalogPlaybooks.Files();
        files["gated.yaml"] = TestPlaybooks.Gated;
        files["echo.yaml"] = TestPlaybooks.Echo;
        files["flaky.yaml"] = TestPlaybooks.Flaky;
        files["parent.yaml"] = TestPlaybooks.ParentOfGated;
        files["nested.yaml"] = Nested;
        files["left-out.yaml"] = TestPlaybooks.LeftOutByWhen;
        return new McpTestServerOptions { Playbooks = files, AcceptAssistantApprovals = true };
    }

    private const string Nested = """
        id: nested
        name: Nested inputs
        version: 1.0.0
        inputs:
          hosts: { type: array, items: { type: string, pattern: "^[a-z]+$" }, min_items: 1 }
          limits: { type: object, properties: { cpu: { type: integer, minimum: 1 } }, required: [cpu] }
          token: { type: string, secret: true, default: abc }
        steps:
          - id: show
            action: log
            with: { message: "{{ inputs.hosts }}" }
        """;

    [Fact]
    public async Task CatalogTools_RepresentativeCalls_MatchTheirOutputSchemas()
    {
        await using var server = await McpTestServer.StartAsync(Options());
        var schemas = await ResultSchemas.LoadAsync(server.Client);
        var client = server.Client;

        await schemas.CallAsync(client, "list_playbooks");
        await schemas.CallAsync(client, "list_playbooks", new { query = "restart", limit = 1 });
        await schemas.CallAsync(client, "list_playbooks", new { incident = new { type = "availability", service = "checkout", severity = "P1", confidence = 0.9 } });
        await schemas.CallAsync(client, "list_playbooks", new { incident = "disk full on capacity" });
        await schemas.CallAsync(client, "list_playbooks", new { incident = new { text = "nothing matches this" } });
        await schemas.CallAsync(client, "get_playbook", new { playbook_id = "restart-service" });
        await schemas.CallAsync(client, "get_playbook", new { playbook_id = "nested" });
        await schemas.CallAsync(client, "get_playbook", new { playbook_id = "clear-disk" });
        await schemas.CallAsync(client, "validate_playbook", new { playbook_id = "restart-service", version = "1.0.0" });
        await schemas.CallAsync(client, "validate_playbook", new { playbook_id = "broken-one" });
        await schemas.CallAsync(client, "validate_playbook", new { yaml = "id: x\nsteps: 3\n" });
        await schemas.CallAsync(client, "save_playbook", new { yaml = CatalogPlaybooks.Fresh("1.0.0") });
        await schemas.CallAsync(client, "save_playbook", new { yaml = CatalogPlaybooks.Fresh("1.0.0") });
        await schemas.CallAsync(client, "save_playbook", new { playbook_id = "fresh-check", status = "active" });

        Assert.Equal(["list_playbooks", "get_playbook", "validate_playbook", "save_playbook"], schemas.Checked.Keys);
    }

    [Fact]
    public async Task ExecutionAndMemoryTools_RepresentativeCalls_MatchTheirOutputSchemas()
    {
        await using var server = await McpTestServer.StartAsync(Options());
        var schemas = await ResultSchemas.LoadAsync(server.Client);
        var client = server.Client;
        var flag = Path.Combine(server.Root, "ready");

        await schemas.CallAsync(client, "plan_playbook", new { playbook_id = "restart-service", inputs = new { service = "web" }, incident = "web is down" });
        await schemas.CallAsync(client, "plan_playbook", new { playbook_id = "gated" });
        await schemas.CallAsync(client, "plan_playbook", new { playbook_id = "echo" });
        var skipped = await schemas.CallAsync(client, "plan_playbook", new { playbook_id = "left-out" });
        Assert.False(skipped.GetProperty("steps")[1].GetProperty("plan").GetProperty("would_run").GetBoolean());
        await schemas.CallAsync(client, "execute_playbook", new { playbook_id = "parent", dry_run = true });
        var echo = await schemas.CallAsync(client, "execute_playbook", new { playbook_id = "echo", inputs = new { text = "hi" }, wait_seconds = 30 });
        var gated = await schemas.CallAsync(client, "execute_playbook", new { playbook_id = "gated", wait_seconds = 30 });
        var parent = await schemas.CallAsync(client, "execute_playbook", new { playbook_id = "parent", wait_seconds = 30 });
        var failed = await schemas.CallAsync(client, "execute_playbook", new { playbook_id = "flaky", inputs = new { flag }, wait_seconds = 30 });
        Assert.Equal("waiting_approval", gated.Str("status"));
        Assert.Equal("failed", failed.Str("status"));

        await schemas.CallAsync(client, "get_execution", new { execution_id = gated.Str("execution_id") });
        await schemas.CallAsync(client, "get_execution", new { execution_id = failed.Str("execution_id") });
        await schemas.CallAsync(client, "get_execution", new { execution_id = skipped.Str("execution_id") });
        await schemas.CallAsync(client, "approve_step", new { execution_id = gated.Str("execution_id"), step_id = "risky", decision = "approve", comment = new string('c', 900), wait_seconds = 30 });
        await schemas.CallAsync(client, "approve_step", new { execution_id = parent.Str("execution_id"), step_id = "risky", decision = "reject" });
        await File.WriteAllTextAsync(flag, "");
        await schemas.CallAsync(client, "control_execution", new { execution_id = failed.Str("execution_id"), action = "retry_step", step_id = "check", wait_seconds = 30 });
        await schemas.CallAsync(client, "control_execution", new { execution_id = echo.Str("execution_id"), action = "replay", wait_seconds = 30 });
        var held = await schemas.CallAsync(client, "execute_playbook", new { playbook_id = "gated" });
        await schemas.CallAsync(client, "control_execution", new { execution_id = held.Str("execution_id"), action = "cancel", comment = "not now" });

        var page = await schemas.CallAsync(client, "list_executions", new { limit = 2 });
        await schemas.CallAsync(client, "list_executions", new { cursor = page.Str("next_cursor"), playbook_id = "echo" });
        await schemas.CallAsync(client, "list_executions", new { active_only = true });
        var logs = await schemas.CallAsync(client, "get_execution_logs", new { execution_id = echo.Str("execution_id"), limit = 1 });
        await schemas.CallAsync(client, "get_execution_logs", new { execution_id = echo.Str("execution_id"), cursor = logs.Str("next_cursor"), level = "info" });

        await schemas.CallAsync(client, "get_execution_metrics");
        await schemas.CallAsync(client, "get_execution_metrics", new { playbook_id = "flaky", since = "7d", execution_id = failed.Str("execution_id") });
        await schemas.CallAsync(client, "record_learning", new { text = new string('n', 3000), tags = new[] { "root-cause" }, execution_id = failed.Str("execution_id") });
        await schemas.CallAsync(client, "record_learning", new { text = "short note" });
        await schemas.CallAsync(client, "get_insights");
        await schemas.CallAsync(client, "get_insights", new { playbook_id = "flaky", step_id = "check", query = "note" });

        Assert.Equal(
            ["plan_playbook", "execute_playbook", "get_execution", "approve_step", "control_execution", "list_executions", "get_execution_logs", "get_execution_metrics", "record_learning", "get_insights"],
            schemas.Checked.Keys);
    }
}
