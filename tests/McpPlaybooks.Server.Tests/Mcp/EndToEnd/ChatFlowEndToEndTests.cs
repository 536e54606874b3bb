using System.Text.Json;
using Xunit.Abstractions;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>
/// The conversation design §5 is made for, against the built server over stdio: find the playbook for an incident, read
/// it, dry-run it, run it to its approval gate, approve, and read the outcome.
/// </summary>
public sealed class ChatFlowEndToEndTests(StdioServerFixture shared, ITestOutputHelper output) : IClassFixture<StdioServerFixture>
{
    [Fact]
    public async Task ChatFlow_IncidentToApprovedRun_FindsPlansParksAtTheGateAndCompletes()
    {
        var chat = new ChatTranscript(shared.Server.Client, output);
        try
        {
            var found = await chat.CallAsync("list_playbooks", new { incident = new { type = "availability", service = "web", severity = "P2" } }, "incident={type:availability, service:web}");
            var best = found.GetProperty("playbooks")[0];
            Assert.Equal("restart-web", best.Str("playbook_id"));
            Assert.Single(found.GetProperty("playbooks").EnumerateArray());

            var playbook = await chat.CallAsync("get_playbook", new { playbook_id = "restart-web" }, "playbook_id=restart-web");
            Assert.Equal("1.0.0", playbook.Str("version"));
            Assert.Equal(["service"], playbook.GetProperty("inputs").EnumerateArray().Select(i => i.Str("name")));

            var inputs = new { service = "web" };
            var plan = await chat.CallAsync("execute_playbook", new { playbook_id = "restart-web", inputs, dry_run = true }, "restart-web, service=web, dry_run=true");
            Assert.True(plan.GetProperty("dry_run").GetBoolean());
            Assert.All(plan.GetProperty("steps").EnumerateArray(), step =>
            {
                Assert.Equal(JsonValueKind.Object, step.GetProperty("plan").ValueKind);
                Assert.Equal(0, step.GetProperty("attempts").GetInt32());
            });
            Assert.Contains("/bin/echo", plan.Step("check").GetProperty("plan").GetRawText(), StringComparison.Ordinal);

            var parked = await chat.CallAsync("execute_playbook", new { playbook_id = "restart-web", inputs, wait_seconds = 30 }, "restart-web, service=web, wait_seconds=30");
            var id = parked.Str("execution_id");
            Assert.Equal("waiting_approval", parked.Str("status"));
            Assert.Equal("check:completed restart:waiting_approval", parked.Steps());
            Assert.Equal("Restart web?", parked.GetProperty("pending_approvals")[0].Str("message"));
            var approve = Assert.Single(parked.GetProperty("next_actions").EnumerateArray(), a => a.Str("tool") == "approve_step");
            Assert.Equal(id, approve.GetProperty("arguments").Str("execution_id"));
            Assert.Equal("restart", approve.GetProperty("arguments").Str("step_id"));

            var done = await chat.CallAsync("approve_step", new { execution_id = id, step_id = "restart", decision = "approve", wait_seconds = 30 }, $"{id}, restart, approve, wait_seconds=30");
            Assert.Equal("completed", done.Str("status"));
            Assert.Equal("check:completed restart:completed", done.Steps());
            Assert.Equal("healthy? web", done.GetProperty("outputs").Str("checked").TrimEnd());
            Assert.Equal("restarted web", done.GetProperty("outputs").Str("restarted").TrimEnd());
            Assert.Equal(1, done.Step("restart").GetProperty("attempts").GetInt32());
        }
        finally
        {
            chat.Publish();
        }
    }
}
