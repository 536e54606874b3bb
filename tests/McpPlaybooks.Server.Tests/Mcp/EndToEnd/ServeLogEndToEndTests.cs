using McpPlaybooks.Server.Tests.Cli;

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>The server's log names what it left out and says how each execution ended, not only that the server started.</summary>
public sealed class ServeLogEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Serve_InvalidFileAndAFinishedRun_LogsTheFileByNameAndTheOutcome()
    {
        _root.Write("playbooks/say-hello.yaml", TestPlaybooks.Valid);
        _root.Write("playbooks/typo.yaml", TestPlaybooks.WithTypoInNeeds);
        await using var server = await StdioServerProcess.StartAsync(Path.Combine(_root.Path, "data"), [Path.Combine(_root.Path, "playbooks")]);

        var invalid = await server.ErrorLineAsync(line => line.Contains("left out of the catalogue", StringComparison.Ordinal));
        Assert.Contains(Path.Combine(_root.Path, "playbooks", "typo.yaml"), invalid, StringComparison.Ordinal);
        Assert.Contains("PB0101", invalid, StringComparison.Ordinal);

        var id = (await server.Client.CallOkAsync("execute_playbook", new { playbook_id = "say-hello", wait_seconds = 30 })).Str("execution_id");

        var ended = await server.ErrorLineAsync(line => line.Contains($"Execution {id} ", StringComparison.Ordinal));
        Assert.Contains($"Execution {id} (say-hello 1.0.0) ended completed after ", ended, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
