using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.Mcp.EndToEnd;

namespace McpPlaybooks.Server.Tests.Mcp.Approvals;

/// <summary>
/// The built server over stdio, driven by a real MCP client (no token: the assistant channel): a gate naming people is
/// not passed by approve_step whatever it claims; with <c>MCPPLAYBOOKS_ACCEPT_ASSISTANT_APPROVALS=true</c> it is, recorded
/// as the assistant's, and the server warns at start.
/// </summary>
public sealed class AssistantApprovalEndToEndTests
{
    private const string PeopleGate = """
        id: people-gate
        name: People gate
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Restart checkout?", approvers: [oncall, alice], timeout: 15m }
            action: log
            with: { message: restarted }
        """;

    [Fact]
    public async Task ApproveStep_OverStdio_NoClaimPassesAGateNamingPeople_UntilTheServerAcceptsAssistants()
    {
        using var root = new TempDirectory();
        root.Write(Path.Combine("playbooks", "people-gate.yaml"), PeopleGate);
        var data = Path.Combine(root.Path, "data");
        var playbooks = Path.Combine(root.Path, "playbooks");

        string id;
        await using (var server = await StdioServerProcess.StartAsync(data, [playbooks]))
        {
            id = (await server.Client.CallOkAsync("execute_playbook", new { playbook_id = "people-gate", wait_seconds = 30 })).Str("execution_id");
            foreach (var claimed in new[] { "alice", "oncall", "role:oncall" })
            {
                var error = await server.Client.CallErrorAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", approver = claimed });
                Assert.Contains("has no verified identity", error, StringComparison.Ordinal);
            }

            var state = await server.Client.CallOkAsync("get_execution", new { execution_id = id });
            Assert.Equal("waiting_approval", state.Str("status"));
            Assert.DoesNotContain(server.ErrorLines, line => line.Contains("Approvals:AcceptAssistant is on", StringComparison.Ordinal));
        }

        var accepting = new Dictionary<string, string?> { ["MCPPLAYBOOKS_ACCEPT_ASSISTANT_APPROVALS"] = "true" };
        await using (var server = await StdioServerProcess.StartAsync(data, [playbooks], environment: accepting))
        {
            var done = await server.Client.CallOkAsync("approve_step", new { execution_id = id, step_id = "risky", decision = "approve", approver = "alice", wait_seconds = 30 });

            Assert.Equal("completed", done.Str("status"));
            var logs = await server.Client.CallOkAsync("get_execution_logs", new { execution_id = id });
            Assert.Matches(@"approved by assistant:[^ ]+ \(assistant, unverified\)", logs.GetRawText());
            Assert.Contains(server.ErrorLines, line => line.Contains("Approvals:AcceptAssistant is on", StringComparison.Ordinal));
        }
    }
}
