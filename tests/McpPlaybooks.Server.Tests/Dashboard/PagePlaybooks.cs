using McpPlaybooks.Server.Tests.Http;
using McpPlaybooks.Server.Tests.Mcp;

namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>The playbooks of the Playbooks and Insights pages' tests: one that fails when told to, one that needs an input, one invalid file.</summary>
internal static class PagePlaybooks
{
    /// <summary>A real process that fails with a configuration error when its input <c>code</c> is not 0, then a log step.</summary>
    public const string Checks = """
        id: checks
        name: Checks
        version: 1.0.0
        description: Probes a node; fails when told to.
        inputs:
          code: { type: integer, default: 0 }
        errors:
          - { match: "disk full", category: configuration }
        steps:
          - id: probe
            action: shell
            with: { command: [/bin/sh, -c, 'if [ "$0" -ne 0 ]; then echo "disk full on node $0" >&2; exit 1; fi', "{{ inputs.code }}"] }
            timeout: 30s
            rollback: []
          - id: report
            needs: [probe]
            action: log
            with: { message: checked }
        """;

    /// <summary>A required input, a gate, and a step whose <c>when</c> reads the input: four steps, three edges.</summary>
    public const string NeedsInput = """
        id: needs-input
        name: Needs input
        version: 1.0.0
        inputs:
          service: { type: string, description: the service to restart }
        steps:
          - id: find
            action: log
            with: { message: "{{ inputs.service }}" }
          - id: restart
            needs: [find]
            approval: { message: "Restart?", timeout: 15m }
            action: log
            with: { message: restarted }
          - id: tell
            needs: [find]
            when: "inputs.service == 'web'"
            action: log
            with: { message: told }
          - id: done
            needs: [restart]
            action: log
            with: { message: done }
        """;

    /// <summary>Invalid: step <c>b</c> needs a step that does not exist (PB0101 at line 9, column 13).</summary>
    public const string Broken = """
        id: broken
        name: Broken
        version: 1.0.0
        steps:
          - id: a
            action: log
            with: { message: hi }
          - id: b
            needs: [nope]
            action: log
            with: { message: hi }
        """;

    public static Dictionary<string, string> All() => new()
    {
        ["checks.yaml"] = Checks,
        ["needs-input.yaml"] = NeedsInput,
        ["broken.yaml"] = Broken,
    };

    /// <summary>Runs <c>checks</c> to its end once per code (0 completes, anything else fails); returns the execution ids.</summary>
    public static async Task<List<string>> RunChecksAsync(HttpTestServer server, params int[] codes)
    {
        var mcp = await server.ConnectAsync();
        var ids = new List<string>();
        foreach (var code in codes)
        {
            var result = await mcp.CallOkAsync("execute_playbook", new { playbook_id = "checks", inputs = new { code }, wait_seconds = 30 });
            Assert.Equal(code == 0 ? "completed" : "failed", result.Str("status"));
            ids.Add(result.Str("execution_id"));
        }

        return ids;
    }
}
