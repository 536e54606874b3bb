using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Server.Tests.Mcp.Resources;

/// <summary>Playbooks for the resource tests, and running one from the test server's catalogue.</summary>
internal static class ResourcePlaybooks
{
    public const string AlphaV1 = """
        id: alpha
        name: Alpha
        version: 1.0.0
        description: The first alpha.
        steps:
          - id: hello
            action: log
            with: { message: "hello from alpha" }
        """;

    public const string AlphaV2 = """
        id: alpha
        name: Alpha two
        version: 1.1.0
        description: The second alpha, with a longer description.
        inputs:
          service: { type: string, description: the unit }
          port: { type: integer, default: 8080 }
          force: { type: boolean, default: false }
        steps:
          - id: hello
            action: log
            with: { message: "hello from alpha {{ inputs.service }}" }
        """;

    /// <summary>Parks at the approval gate of its first step; once approved, the step logs a line.</summary>
    public const string Gated = """
        id: gated
        name: Gated
        version: 1.0.0
        steps:
          - id: first
            approval: { message: "Go?" }
            action: log
            with: { message: "through the first gate" }
          - id: second
            needs: [first]
            approval: { message: "Again?" }
            action: log
            with: { message: "through the second gate" }
        """;

    /// <summary>Starts a catalogue playbook and waits until it ends or parks.</summary>
    public static async Task<ExecutionState> RunAsync(McpTestServer server, string playbookId, string? version = null, CancellationToken cancellationToken = default)
    {
        var entry = server.Catalog.Current.Find(playbookId, version) ?? throw new InvalidOperationException($"no {playbookId} in the test catalogue");
        var start = await server.Engine.StartAsync(new ExecutionRequest { Playbook = entry.Definition, Content = entry.Content, StartedBy = "test" }, null, cancellationToken);
        return await server.Engine.WaitAsync(start.ExecutionId, TimeSpan.FromSeconds(30), cancellationToken);
    }
}
