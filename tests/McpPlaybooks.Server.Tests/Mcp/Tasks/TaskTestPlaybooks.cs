using McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

namespace McpPlaybooks.Server.Tests.Mcp.Tasks;

/// <summary>The servers of the task tests: the execution tools' <c>gated</c> playbook (a gate) and <c>three-logs</c> (ends at once).</summary>
internal static class TaskTestPlaybooks
{
    /// <summary>Both playbooks; the client named <paramref name="clientName"/> in <c>initialize</c> when given.</summary>
    public static McpTestServerOptions Options(string? clientName = null) =>
        TestPlaybooks.Options(("gated", TestPlaybooks.Gated), ("three-logs", TestPlaybooks.ThreeLogs)) with
        {
            Client = clientName is null ? null : ToolCalls.NamedClient(clientName),

            // The tests approve with approve_step over an in-memory client: the assistant's channel, accepted here.
            AcceptAssistantApprovals = true,
        };
}
