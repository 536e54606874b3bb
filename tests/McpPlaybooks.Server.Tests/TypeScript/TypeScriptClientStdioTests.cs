using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.TypeScript;

/// <summary>The official TypeScript client (1.32.2, protocol 2025-11-25 at most) drives the built server over stdio.</summary>
public sealed class TypeScriptClientStdioTests
{
    [Fact]
    public async Task TheTypeScriptClient_StartsTheServerOverStdio_Negotiates20251125_AndListsTheTools()
    {
        using var root = new TempDirectory();
        var run = await TypeScriptClient.RunFileAsync(
            "tests/McpPlaybooks.Server.Tests/TypeScript/stdio-tools.mjs",
            [TypeScriptClient.DotnetHost, TypeScriptClient.ServerDll, Path.Combine(root.Path, "data")]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var answer = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal("2025-11-25", answer.RootElement.GetProperty("protocolVersion").GetString());
        Assert.Equal("mcp-playbooks", answer.RootElement.GetProperty("server").GetString());
        var tools = answer.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("execute_playbook", tools);
        Assert.Contains("approve_step", tools);
    }
}
