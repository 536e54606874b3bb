using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli;
using McpPlaybooks.Server.Tests.TypeScript;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Schemas;

/// <summary>
/// The official TypeScript client (1.32.2), which checks every structured result against the tool's output schema with
/// ajv, calls the fourteen tools of the built server: no result is refused, and each carries the summary, links where
/// it has them, and its JSON once, in structuredContent.
/// </summary>
public sealed class TypeScriptResultsTests
{
    [Fact]
    public async Task TheTypeScriptClient_CallsEveryTool_EveryStructuredResultPassesItsOutputSchema()
    {
        using var root = new TempDirectory();
        root.Write("playbooks/say-hello.yaml", Cli.TestPlaybooks.Valid);
        root.Write("playbooks/left-out.yaml", Executions.TestPlaybooks.LeftOutByWhen);

        var run = await TypeScriptClient.RunFileAsync(
            "tests/McpPlaybooks.Server.Tests/Mcp/Tools/Schemas/typescript-results.mjs",
            [TypeScriptClient.DotnetHost, TypeScriptClient.ServerDll, Path.Combine(root.Path, "data"), Path.Combine(root.Path, "playbooks")]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var answer = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal("2025-11-25", answer.RootElement.GetProperty("protocolVersion").GetString());
        var calls = answer.RootElement.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal(14, calls.Select(c => c.GetProperty("tool").GetString()).Distinct().Count());
        var approve = calls[^1];
        Assert.True(approve.GetProperty("isError").GetBoolean(), "approve_step on a step with no gate is refused");
        Assert.All(calls.SkipLast(1), c =>
        {
            Assert.False(c.GetProperty("isError").GetBoolean(), c.ToString());
            Assert.True(c.GetProperty("structured").GetBoolean(), c.ToString());
            var types = c.GetProperty("content").EnumerateArray().Select(t => t.GetString()).ToList();
            Assert.Equal("text", types[0]);
            Assert.Single(types, t => t == "text");
        });
    }
}
