using System.Text.Json;
using static McpPlaybooks.Server.Tests.Mcp.Tools.Executions.TestPlaybooks;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary>What a step's output says about itself when it was too big to keep or to show: the true size, and no false promise of where the rest is.</summary>
public sealed class BigOutputTests
{
    private const string Big = """
        id: big
        name: Big
        version: 1.0.0
        steps:
          - id: print
            action: shell
            with: { command: [sh, -c, "head -c 5242880 /dev/zero | tr '\\0' a"] }
        """;

    [Fact]
    public async Task ExecutePlaybook_FiveMegabytesOfStdout_TheMarkerGivesTheTrueSizeAndSaysNothingMoreIsReadable()
    {
        await using var server = await McpTestServer.StartAsync(Options(("big", Big)));

        var state = await server.CallOkAsync("execute_playbook", new { playbook_id = "big", wait_seconds = 60 });

        Assert.Equal("completed", state.Str("status"));
        var stdout = state.GetProperty("steps")[0].GetProperty("output").GetProperty("stdout").GetString()!;
        Assert.StartsWith(new string('a', 1200) + "\n…[", stdout, StringComparison.Ordinal);
        Assert.EndsWith("]…\n" + new string('a', 600), stdout, StringComparison.Ordinal);
        Assert.Contains("the step produced 5,242,880 bytes", stdout, StringComparison.Ordinal);
        Assert.Contains("the engine kept only 65,536 of them (head and tail)", stdout, StringComparison.Ordinal);
        Assert.Contains("no tool returns more", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("get_execution_logs", stdout, StringComparison.Ordinal);
        var logs = await server.CallOkAsync("get_execution_logs", new { execution_id = state.Str("execution_id") });
        Assert.Contains(
            logs.GetProperty("entries").EnumerateArray().Select(e => e.Str("message")),
            m => m.Contains("5242880 bytes", StringComparison.Ordinal) || m.Contains("5,242,880 bytes", StringComparison.Ordinal));
    }
}
